"""`retro serve` in a real browser: headless Chromium (the system's, driven by Playwright) opens
two tabs; the first edits a target and changes section, the second follows both (and the
meeting's clock); the page draws Chinese with a real font (not boxes); F5 in the browser
downloads the report, and the command palette the workbook.

What a tab shows is read from what its terminal was sent (the websocket's frames): the page
draws on a canvas. Skipped, saying why, where Chromium or Playwright is missing (`.ci/run`
installs both)."""

from __future__ import annotations

import asyncio
import gc
import os
import shutil
import tomllib
from pathlib import Path

import pytest

pytest.importorskip("textual_serve", reason="retro serve needs the web extra (pip install 'retro-tui[web]')")
pytest.importorskip("playwright", reason="the browser test needs Playwright (pip install playwright)")
CHROMIUM = os.environ.get("RETRO_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
if not CHROMIUM:
    pytest.skip("no Chromium on this machine (apt-get install chromium, or set RETRO_CHROMIUM)", allow_module_level=True)

from helpers import new_review  # noqa: E402
from playwright.async_api import async_playwright  # noqa: E402
from rooms import until  # noqa: E402

from retro_tui.room import Room  # noqa: E402
from retro_tui.ui.web.server import RoomServer  # noqa: E402

TOFU = """(text) => {
    // Whether the page's monospace font draws each character of `text` with a glyph of its own,
    // full width as a CJK font draws it: not the box of a missing glyph
    const font = "24px 'Roboto Mono', Monaco, 'Courier New', monospace";
    const draw = (s) => {
        const canvas = document.createElement("canvas");
        canvas.width = 64; canvas.height = 32;
        const g = canvas.getContext("2d");
        g.font = font;
        g.fillText(s, 4, 26);
        return [Array.from(g.getImageData(0, 0, 64, 32).data).join(","), g.measureText(s).width];
    };
    const [missing] = draw("\\u{10FFFD}");
    return Array.from(text).every((ch) => { const [pixels, width] = draw(ch); return pixels !== missing && width >= 20; });
}"""


class Drawn:
    """Everything a tab's terminal was sent."""

    def __init__(self, page) -> None:
        self.data = b""
        page.on("websocket", lambda socket: socket.on("framereceived", self._frame))

    def _frame(self, payload) -> None:
        if isinstance(payload, bytes):
            self.data += payload

    def shows(self, text: str) -> bool:
        return text.encode() in self.data


@pytest.fixture
def review(tmp_path) -> Path:
    return new_review(tmp_path)


async def test_two_tabs_one_edits_the_other_follows_chinese_is_drawn_and_the_report_and_workbook_download(review):
    server = RoomServer(review, host="127.0.0.1")
    runner = await server.start()
    try:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            context = await browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
            downloads = []
            context.on("page", lambda page: page.on("download", lambda download: downloads.append(download)))
            first, second = await context.new_page(), await context.new_page()
            seen_first, seen_second = Drawn(first), Drawn(second)
            await first.goto(server.url)
            await until(lambda: Room(review, "test").editor() is not None, "the first tab takes the workbook")
            await second.goto(server.url)
            await until(lambda: seen_second.shows("跟随"), "the second tab says it follows")
            assert await second.evaluate(TOFU, "年度复盘")  # a CJK font draws it: not boxes

            await first.focus(".xterm-helper-textarea")  # (keys before the terminal has the focus are lost)
            await first.keyboard.press("ArrowRight")
            await first.keyboard.type("1234")
            await first.keyboard.press("Enter")
            await until(lambda: seen_second.shows("1,234"), "the second tab shows the target typed in the first")
            assert not seen_first.shows("跟随")  # the first tab edits
            assert tomllib.loads(review.read_text(encoding="utf-8"))["answers"]["goals"]["targets"]["sales"] == {
                "target": 1234}
            before = len(seen_second.data)
            await first.keyboard.press("F8")  # on to 投入产出
            await until(lambda: Room(review, "test").editor().place.section == "input-output", "the editor moves on")
            await until(lambda: "第 2/5 节".encode() in seen_second.data[before:],
                        "the second tab follows to the next section")

            await first.keyboard.press("F9")  # the meeting's clock, as in a terminal
            await until(lambda: seen_first.shows("⏱ 投入产出"), "the clock line in the browser")
            await until(lambda: seen_second.shows("⏱ 投入产出"), "the editor's clock in the following tab")
            await first.keyboard.press("F5")  # the report, downloaded by the browser
            await until(lambda: bool(downloads), "a download")
            report = Path(await downloads[0].path()).read_text(encoding="utf-8")
            assert report == review.with_suffix(".md").read_text(encoding="utf-8")
            assert "1,234" in report
            await first.keyboard.press("Control+p")  # the command palette: the workbook itself
            await first.keyboard.type("下载工作簿")
            await until(lambda: seen_first.shows("（TOML）"), "the palette finds the command")  # (then Enter, as a user does)
            await first.keyboard.press("Enter")
            await until(lambda: len(downloads) > 1, "a second download")
            assert Path(await downloads[1].path()).read_bytes() == review.read_bytes()
            written = review.with_suffix(".md").stat().st_mtime_ns
            await second.focus(".xterm-helper-textarea")
            await second.keyboard.press("F5")  # a following tab: downloaded, nothing written beside the workbook
            await until(lambda: len(downloads) > 2, "the report downloaded in the following tab")
            assert Path(await downloads[2].path()).read_text(encoding="utf-8") == report
            assert review.with_suffix(".md").stat().st_mtime_ns == written
            await browser.close()
            await until(lambda: server.sessions == 0, "every tab's app ends")
    finally:
        await runner.cleanup()
        gc.collect()  # the pipes of the processes that ended (the apps', Playwright's) closed while the loop runs
        await asyncio.sleep(0)
