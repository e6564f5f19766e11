"""Helpers of the `retro serve` tests: waiting for what other
processes do (an app starting, a file saved) — looked at again and again, given up on only
after a generous time, so that a busy machine is slower, never failing."""

from __future__ import annotations

import asyncio

GIVE_UP = 90  # seconds: an app that never starts, a key that never lands


async def until(found, what: str) -> None:
    for _ in range(GIVE_UP * 10):
        if found():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"never: {what}")
