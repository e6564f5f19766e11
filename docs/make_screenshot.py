"""Write docs/screenshot.svg: the goals section of the demo workbook.

    python docs/make_screenshot.py
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from retro_tui import demo
from retro_tui.ui.app import RetroApp
from retro_tui.workbook import Workbook

HERE = Path(__file__).parent


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path, _ = demo.install(Path(tmp))
        app = RetroApp(workbook=Workbook.load(path), lang="zh")
        async with app.run_test(size=(140, 42)) as pilot:
            await pilot.pause()
            app.screen.query_one("#status").update(f" retro-demo/{demo.WORKBOOK}")
            await pilot.pause()
            app.save_screenshot(filename="screenshot.svg", path=str(HERE))


if __name__ == "__main__":
    asyncio.run(main())
