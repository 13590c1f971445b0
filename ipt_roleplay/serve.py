"""Serving the app to a web browser with textual-serve.

Every browser tab gets its own copy of the ordinary terminal app (``python -m
ipt_roleplay``), run as a child process that inherits this process's environment, so a
tab reads and writes the same practice history as the terminal (``IPT_ROLEPLAY_HOME``
included).

On top of textual-serve this module adds what a program holding private transcripts
needs: it binds to this computer only unless asked otherwise; it answers only to
loopback host names (so a web page elsewhere cannot reach it through DNS rebinding);
the app's websocket accepts only the app's own page (so another site open in the same
browser cannot drive the app and read the history); and the page loads nothing from the
internet (textual-serve's page asks Google for a font; this one does not).

This module imports textual-serve at the top: import it only to serve.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import ipaddress
import logging
import os
import re
import signal
import socket
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int
from yarl import URL

from ipt_roleplay.errors import UserError
from ipt_roleplay.store.paths import HOME_ENV

log = logging.getLogger("textual-serve")

TITLE = "ipt-roleplay"
# How long a tab's app gets to close after being asked, before it is stopped.
APP_STOP_SECONDS = 5.0
ANY_ADDRESS = {"0.0.0.0", "::", ""}


# --- addresses -------------------------------------------------------------------------


def is_loopback(host: str) -> bool:
    """True for names that only ever mean this computer: localhost, 127.0.0.0/8, ::1."""
    name = host.strip().lower().rstrip(".")
    if name.startswith("[") and name.endswith("]"):
        name = name[1:-1]
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def check_host(host: str, public: bool) -> str | None:
    """Refuse a non-loopback host unless ``public``; return a warning to print, if any."""
    if is_loopback(host):
        return None
    if not public:
        raise UserError(
            f"{host or 'that address'} can be reached from other computers, and the app "
            "has no sign-in: anyone who reached it could read your practice history.\n"
            "Leave out --host to use it on this computer only, or add --public if you "
            "really mean to share it."
        )
    return (
        "Warning: --public is on. There is no password or sign-in. Anyone who can reach "
        "this address can use the app and see the practice history stored on this "
        "computer. Stop the server (Ctrl+C) when you are done."
    )


def browser_url(host: str, port: int) -> str:
    """The address to open in a browser for a server bound to ``host``."""
    if host in ANY_ADDRESS:
        host = "127.0.0.1"
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}"


def check_port(port: int) -> None:
    if not 1 <= port <= 65535:
        raise UserError(f"--port must be a number from 1 to 65535, not {port}")


# --- what each tab runs ----------------------------------------------------------------


def app_argv(scenario_dirs: Iterable[Path | str] = ()) -> list[str]:
    """The command line each browser tab runs: the terminal app, with the same folders."""
    # -P: the working folder is not put on the import path, so a source checkout in it
    # cannot shadow the installed package (which carries the bundled scenarios).
    argv = [sys.executable, "-P", "-m", "ipt_roleplay"]
    for folder in scenario_dirs:
        argv += ["--scenarios", str(Path(folder).expanduser().resolve())]
    return argv


def check_scenario_dirs(scenario_dirs: Sequence[str]) -> None:
    for folder in scenario_dirs:
        if not Path(folder).expanduser().is_dir():
            raise UserError(f"--scenarios {folder}: there is no folder there")


def pin_home() -> None:
    """Make ``IPT_ROLEPLAY_HOME``, when set, an absolute path, so every tab's app finds
    the same history whatever folder it starts in."""
    home = os.environ.get(HOME_ENV)
    if home:
        os.environ[HOME_ENV] = str(Path(home).expanduser().resolve())


# --- the page --------------------------------------------------------------------------

_FONT_LINK = re.compile(r"<link[^>]*fonts\.googleapis\.com[^>]*/>\s*", re.S)


def _index_template(templates_path: Path) -> str:
    """textual-serve's page, minus its request to Google Fonts, with a title."""
    text = (templates_path / "app_index.html").read_text(encoding="utf-8")
    text = _FONT_LINK.sub("", text)
    return text.replace("<head>", f"<head>\n    <title>{TITLE}</title>", 1)


def _content_security_policy(websocket_url: str) -> str:
    # Everything comes from this server; the only connection is the app's websocket.
    return (
        "default-src 'self'; "
        "script-src 'self' 'unsafe-inline'; "
        "style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; "
        "font-src 'self' data:; "
        f"connect-src 'self' {websocket_url}; "
        "worker-src 'self' blob:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'"
    )


# --- the server ------------------------------------------------------------------------


class RoleplayAppService(AppService):
    """One tab's app, started without a shell from an argument list."""

    def __init__(self, argv: Sequence[str], *, extra_env: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(" ".join(argv), **kwargs)
        self.argv = list(argv)
        # Set last, over anything inherited (serve --programme: whose practice it is).
        self.extra_env = dict(extra_env or {})

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width=width, height=height)
        home = os.environ.get(HOME_ENV)
        if home:  # inherited already; said again so that no one can quietly drop it
            environment[HOME_ENV] = home
        environment.update(self.extra_env)
        return environment

    async def _open_app_process(self, width: int = 80, height: int = 24):
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width=width, height=height),
        )
        self._stdin = process.stdin
        return process

    async def run(self) -> None:
        """Pass the app's output to the browser until it ends (textual-serve's loop, but
        what the app wrote to stderr reaches the terminal without a traceback)."""
        process = self._process
        assert process is not None and process.stdout is not None and process.stderr is not None
        stdout, stderr = process.stdout, process.stderr
        errors = bytearray()

        async def read_stderr() -> None:
            with contextlib.suppress(asyncio.CancelledError):
                while data := await stderr.read(4096):
                    if len(errors) < 64 * 1024:
                        errors.extend(data)

        stderr_task = asyncio.create_task(read_stderr())
        try:
            for _ in range(10):  # Textual's web driver announces itself first
                line = await stdout.readline()
                if not line or line == b"__GANGLION__\n":
                    break
            handlers = {b"D": self.on_data, b"M": self.on_meta, b"P": self.on_packed}
            while True:
                kind = await stdout.readexactly(1)
                size = int.from_bytes(await stdout.readexactly(4), "big")
                payload = await stdout.readexactly(size)
                if handler := handlers.get(kind):
                    await handler(payload)
        except (asyncio.IncompleteReadError, ConnectionResetError, asyncio.CancelledError):
            pass
        finally:
            stderr_task.cancel()
            await stderr_task
        if errors:
            print(_app_errors(errors.decode("utf-8", "replace")), file=sys.stderr, flush=True)

    async def stop_within(self, seconds: float) -> None:
        """Ask the app to close; stop its process if it has not closed in time."""
        try:
            await asyncio.wait_for(self.stop(), seconds)
        except (asyncio.TimeoutError, ConnectionError, RuntimeError):
            pass
        process = self._process
        if process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(process.wait(), seconds)


def _app_errors(text: str) -> str:
    """What a tab's app wrote to stderr, as shown in the server's terminal."""
    if os.environ.get("IPT_ROLEPLAY_DEBUG") or "Traceback" not in text:
        return text.rstrip()
    return (
        "ipt-roleplay serve: a browser session stopped because of an error in the app. "
        "Your practice history is safe. To see the details, run the server again with "
        "IPT_ROLEPLAY_DEBUG=1 set."
    )


class _QuietFormatter(logging.Formatter):
    """One line per message; tracebacks stay out of the person's terminal."""

    def format(self, record: logging.LogRecord) -> str:
        return f"ipt-roleplay serve: {record.getMessage()}"


class RoleplayServer(Server):
    def __init__(
        self,
        argv: Sequence[str],
        host: str = "127.0.0.1",
        port: int = 8000,
        *,
        public: bool = False,
        out=None,
    ) -> None:
        super().__init__(" ".join(argv), host=host, port=port, title=TITLE)
        self.argv = list(argv)
        self.public = public
        self.out = out or sys.stdout
        self.url = browser_url(host, port)
        self.services: set[RoleplayAppService] = set()
        # serve --programme with --tls-cert/--tls-key: an ssl.SSLContext.
        self.ssl_context: Any = None

    # Logging and messages

    def initialize_logging(self) -> None:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_QuietFormatter())
        log.handlers[:] = [handler]
        log.setLevel(logging.DEBUG if self.debug else logging.WARNING)
        log.propagate = False

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    async def on_startup(self, app: web.Application) -> None:
        self.say(f"ipt-roleplay is ready. Open this address in your web browser:\n\n    {self.url}\n")
        if self.host in ANY_ADDRESS:
            self.say("(Other computers reach it at this computer's own address, same port.)")
        self.say("Each browser tab is its own session, with the same history as the terminal app.")
        self.say("Press Ctrl+C here to stop.")

    async def on_shutdown(self, app: web.Application) -> None:
        services = list(self.services)
        if services:
            await asyncio.gather(*(s.stop_within(APP_STOP_SECONDS) for s in services))

    # Requests

    @web.middleware
    async def _guard(self, request: web.Request, handler):
        if not self.public and not is_loopback(URL(f"http://{request.host}").host or ""):
            # A page on another site reaching us through DNS rebinding lands here.
            return web.Response(status=403, text="This address is not served here.\n")
        response = await handler(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard])
        page = _index_template(self.templates_path)
        aiohttp_jinja2.setup(app, loader=jinja2.DictLoader({"app_index.html": page}))
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.get("/favicon.ico", self.handle_favicon),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def handle_index(self, request: web.Request) -> web.Response:
        scheme = "wss" if request.scheme == "https" else "ws"
        websocket_url = f"{scheme}://{request.host}/ws"
        context = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": websocket_url,
            "config": {"static": {"url": "/static/"}},
            "application": {"name": self.title},
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers["Content-Security-Policy"] = _content_security_policy(websocket_url)
        response.headers["Cache-Control"] = "no-store"
        return response

    async def handle_favicon(self, request: web.Request) -> web.Response:
        return web.Response(status=204)  # no icon, and no error in the browser's console

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        origin = request.headers.get("Origin")
        if origin is not None and URL(origin).raw_authority.lower() != request.host.lower():
            # Browsers let any page open a websocket anywhere; only our own page may.
            return web.Response(status=403, text="Only the app's own page may connect.\n")
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        service: RoleplayAppService | None = None
        try:
            await websocket.prepare(request)
            service = self.make_service(
                request,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            self.services.add(service)
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # noqa: BLE001 - one tab's trouble must not stop the rest
            log.warning("a browser session ended unexpectedly (%s: %s)", type(error).__name__, error)
        finally:
            if service is not None:
                await service.stop_within(APP_STOP_SECONDS)
                self.services.discard(service)
        return websocket

    def make_service(self, request: web.Request, **kwargs: Any) -> RoleplayAppService:
        """The app process for one tab (the programme server says whose it is)."""
        return RoleplayAppService(self.argv, **kwargs)

    # Running

    def serve(self, debug: bool = False) -> None:
        """Serve until Ctrl+C (SIGINT) or SIGTERM; raises UserError if it cannot start."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(signum, self.request_exit)
        try:
            web.run_app(
                self._make_app(),
                host=self.host,
                port=self.port,
                ssl_context=self.ssl_context,
                handle_signals=False,
                loop=loop,
                print=None,
                access_log=None,
                shutdown_timeout=APP_STOP_SECONDS + 2,
            )
        except socket.gaierror:
            raise UserError(f"--host {self.host}: no such address on this computer") from None
        except OSError as error:
            raise UserError(_bind_problem(error, self.host, self.port)) from None
        finally:
            with contextlib.suppress(Exception):
                loop.close()
            asyncio.set_event_loop(None)


def _bind_problem(error: OSError, host: str, port: int) -> str:
    if error.errno == errno.EADDRINUSE:
        return (
            f"port {port} is already in use on {host} (perhaps another ipt-roleplay serve?).\n"
            f"Stop that program, or choose another port, for example --port {port + 1 if port < 65535 else 8000}."
        )
    if error.errno == errno.EACCES:
        return f"this computer does not allow using port {port} here; try a port above 1024, such as 8000."
    if error.errno == errno.EADDRNOTAVAIL:
        return f"--host {host} is not an address of this computer."
    return f"could not start the server on {host}:{port} ({error.strerror or error})."


def run_server(
    host: str, port: int, scenario_dirs: Sequence[str], public: bool, out=None
) -> int:
    """Serve until stopped; 0 after a clean stop."""
    pin_home()
    server = RoleplayServer(app_argv(scenario_dirs), host, port, public=public, out=out)
    server.serve()
    print("Stopped the server.", file=out or sys.stdout, flush=True)
    return 0
