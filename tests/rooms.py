"""Helpers of the `retro serve` tests: a new review to serve, and waiting for what other
processes do (an app starting, a file saved) — looked at again and again, given up on only
after a generous time, so that a busy machine is slower, never failing."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

from retro_tui.checklist import find
from retro_tui.workbook import Workbook

GIVE_UP = 90  # seconds: an app that never starts, a key that never lands


async def until(found, what: str) -> None:
    for _ in range(GIVE_UP * 10):
        if found():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"never: {what}")


def new_review(folder: Path) -> Path:
    path = folder / "review.toml"
    Workbook.new_file(path, find("annual-review"), period=(dt.date(2025, 1, 1), dt.date(2025, 12, 31)), language="zh")
    return path
