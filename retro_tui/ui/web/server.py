"""The room's web server: each browser tab runs the app on the workbook (textual-serve), so the
tab that takes the workbook's lock edits and every other one follows it (see `room`).

What textual-serve does not do, done here:
- **an access token**: a random one in the printed URL; the page, the websocket and the
  downloads answer 403 without it (the page sets it as a cookie, which the websocket and the
  downloads carry);
- **loopback unless asked**: `--host` to be reached from another machine, `--public-url` when
  a proxy or a tunnel stands in front;
- **no request to the internet**: the page is textual-serve's without its web font."""

from __future__ import annotations

import asyncio
import hmac
import secrets
import shlex
import socket
import sys
from pathlib import Path

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, log, to_int

COOKIE = "retro_room"
PAGE = Path(__file__).parent


def free_port(host: str) -> int:
    """A port nobody listens on now, on `host`."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def reachable_address() -> str:
    """This machine's address on its network (the one a route out leaves by; nothing is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            return probe.getsockname()[0]
        except OSError:
            return socket.gethostname()


def app_command(workbook: Path, lang: str | None = None) -> str:
    """The command each tab runs: this Python, this package, the workbook."""
    return shlex.join([sys.executable, "-m", "retro_tui", *(["--lang", lang] if lang else []), "open", str(workbook)])


class RoomServer(Server):
    def __init__(self, workbook: Path, host: str = "127.0.0.1", port: int | None = None,
                 public_url: str | None = None, lang: str | None = None, token: str | None = None) -> None:
        port = port or free_port(host)
        shown = reachable_address() if host in ("0.0.0.0", "::") else host  # (every address: the one others see)
        shown = f"[{shown}]" if ":" in shown else shown
        super().__init__(app_command(workbook, lang), host=host, port=port, title=workbook.name,
                         public_url=(public_url or f"http://{shown}:{port}").rstrip("/"),
                         templates_path=PAGE)
        self.workbook = workbook
        self.token = token or secrets.token_urlsafe(18)
        self.sessions = 0
        """Tabs whose app is running (each tab's websocket runs its own app process)."""

    @property
    def url(self) -> str:
        """What to share: whoever has it can follow the workbook (and edit it when handed the floor)."""
        return f"{self.public_url}/?token={self.token}"

    async def start(self) -> web.AppRunner:
        """Listen (in the running event loop) until the runner returned is cleaned up."""
        runner = web.AppRunner(await self._make_app())
        await runner.setup()
        await web.TCPSite(runner, self.host, self.port).start()
        return runner

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """A tab: its app process started, fed the tab's keys, and waited for to the end (textual-
        serve's own handler does not wait for the process, which then outlives its session)."""
        socket = web.WebSocketResponse(heartbeat=15)

        async def close() -> None:
            await socket.close()

        service = AppService(self.command, write_bytes=socket.send_bytes, write_str=socket.send_str, close=close, download_manager=self.download_manager, debug=self.debug)
        self.sessions += 1
        try:
            await socket.prepare(request)
            await service.start(to_int(request.query.get("width", "80"), 80), to_int(request.query.get("height", "24"), 24))
            try:
                await self._process_messages(socket, service)
            finally:
                await service.stop()
                if service._process is not None:  # (textual-serve keeps it private)
                    await service._process.wait()
        except asyncio.CancelledError:
            await socket.close()
        except Exception as error:  # as textual-serve does: said in the server's log, the server goes on
            log.exception(error)
        finally:
            self.sessions -= 1
        return socket

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._guard)
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler):
        if request.path.startswith("/static/"):  # textual-serve's script and styles: nothing of the workbook
            return await handler(request)
        given = request.query.get("token") or request.cookies.get(COOKIE) or ""
        if not hmac.compare_digest(given.encode(), self.token.encode()):
            raise web.HTTPForbidden(text="403: this room needs the link with its token (retro serve prints it)")
        response = await handler(request)
        if "token" in request.query and isinstance(response, web.Response):
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="Strict")
        return response

    async def on_startup(self, app: web.Application) -> None:
        self.console.print(f"retro serve: {self.workbook}", highlight=False)
        self.console.print(f"  share this link / 分享此链接: {self.url}", highlight=False, soft_wrap=True)
        self.console.print("  the first window to open the workbook edits; the others follow it (Ctrl+G asks for "
                           "the floor)\n  第一个打开的窗口可编辑，其余窗口跟随（Ctrl+G 请求发言权）· Ctrl+C stops",
                           highlight=False)
