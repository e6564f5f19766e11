"""`retro serve`: the server on a free loopback port, spoken to as a browser does (aiohttp: the
page, its websocket), each tab a real app process under Textual's web driver. The first tab
edits; a key sent to it lands in the saved workbook; a second tab follows it. Without the
token every request is refused.

The waits are for other processes (an app starting, a file saved) and only end the test when
something never comes: `until` looks again and again, and gives up after a generous time."""

from __future__ import annotations

import asyncio
import gc
import tomllib
from pathlib import Path

import pytest

pytest.importorskip("textual_serve", reason="retro serve needs the web extra (pip install 'retro-tui[web]')")

import aiohttp  # noqa: E402
from helpers import new_review  # noqa: E402
from rooms import until  # noqa: E402

from retro_tui.room import Room  # noqa: E402
from retro_tui.ui.web.server import RoomServer  # noqa: E402

RIGHT, ENTER, CTRL_Q = "\x1b[C", "\r", "\x11"


class Tab:
    """A browser tab: the websocket to its app, everything the app drew kept as text."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket, self.drawn = socket, b""
        self.reading = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.socket:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.drawn += message.data

    def shows(self, text: str) -> bool:
        return text.encode() in self.drawn

    async def keys(self, *keys: str) -> None:
        for key in keys:
            await self.socket.send_json(["stdin", key])

    async def close(self) -> None:
        await self.keys(CTRL_Q)
        await self.socket.close()
        self.reading.cancel()


@pytest.fixture
def review(tmp_path) -> Path:
    return new_review(tmp_path)


def sales(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))["answers"]["goals"].get("targets", {}).get("sales", {})


async def test_a_key_sent_to_the_first_tab_is_saved_and_the_second_tab_follows(review):
    server = RoomServer(review, host="127.0.0.1")
    runner = await server.start()
    base = server.public_url
    try:
        async with aiohttp.ClientSession() as anonymous:  # no token: nothing
            for path in ("/", "/ws", "/download/x", f"/?token={server.token[:-1]}"):
                async with anonymous.get(base + path) as response:
                    assert response.status == 403, path
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as browser:  # (an IP address)
            async with browser.get(server.url) as page:
                assert page.status == 200
                html = await page.text()
            assert "googleapis" not in html and "https://" not in html  # nothing fetched from the internet
            editor = Tab(await browser.ws_connect(f"{base.replace('http', 'ws')}/ws?width=120&height=36"))
            await editor.socket.send_json(["resize", {"width": 120, "height": 36}])
            await until(lambda: Room(review, "test").editor() is not None, "the first tab takes the workbook")
            follower = Tab(await browser.ws_connect(f"{base.replace('http', 'ws')}/ws?width=120&height=36"))
            await follower.socket.send_json(["resize", {"width": 120, "height": 36}])
            await until(lambda: follower.shows("跟随"), "the second tab says it follows")
            await editor.keys(RIGHT, "1", "2", "3", "4", ENTER)  # 销售额's target
            await until(lambda: sales(review).get("target") == 1234, "the key lands in the saved workbook")
            await until(lambda: follower.shows("1,234"), "the second tab shows the saved answer")
            await follower.close()
            await editor.close()
            await until(lambda: server.sessions == 0, "every tab's app ends")
    finally:
        await runner.cleanup()
        gc.collect()  # the pipes of the processes that ended (the apps') closed while the loop runs
        await asyncio.sleep(0)


def test_a_port_taken_is_said_in_one_line(review):
    import socket

    from helpers import run


    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = run("serve", str(review), "--port", str(taken.getsockname()[1]))
    assert result.exit_code == 1
    assert "无法在 127.0.0.1:" in result.output and "Traceback" not in result.output  # (the tests run in Chinese)
