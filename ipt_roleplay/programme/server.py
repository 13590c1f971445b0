"""`ipt-roleplay serve --programme`: one server for a training programme, with sign-in.

Built on the ordinary server (ipt_roleplay/serve.py) and its protections. Added here:

- Nothing but the sign-in page (and its static files) is served before sign-in; no app
  process starts until a signed-in browser opens /play.
- Each tab's app runs with IPT_ROLEPLAY_USER set to the signed-in account, so the store
  limits every query to that account's practice (store/history.py).
- Session cookies are random, HttpOnly, SameSite=Strict, expire (8 hours by default) and
  are Secure when served over TLS or behind a TLS proxy. Sessions live in this process's
  memory only: restarting the server signs everyone out.
- Every form carries a CSRF token tied to the browser's session (the sign-in form to a
  cookie of its own), and a POST from another origin is refused.
- Failed sign-ins are limited per name and per address. An unknown name and a wrong
  password get the same page, and take the same time (scrypt runs for both).

This module imports textual-serve (through serve.py): import it only to serve.
"""

from __future__ import annotations

import asyncio
import math
import os
import secrets
import ssl
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import aiohttp_jinja2
import jinja2
from aiohttp import web
from yarl import URL

from ipt_roleplay.programme import oversight, pages
from ipt_roleplay.programme.accounts import Accounts
from ipt_roleplay.programme.signin import (
    COOKIE,
    DEFAULT_HOURS,
    PRE_COOKIE,
    RateLimit,
    SignedIn,
    SignIns,
    same_token,
)
from ipt_roleplay.serve import RoleplayAppService, RoleplayServer, _index_template, is_loopback
from ipt_roleplay.store.history import SHARE_DEFAULT_SETTING, USER_ENV, History, SessionNotFound
from ipt_roleplay.store.report import build_report, to_html

T = TypeVar("T")
NAME_ATTEMPTS, ADDRESS_ATTEMPTS, ATTEMPT_WINDOW_SECONDS = 5, 20, 300.0
WRONG = "That name and password do not match an account here."
_SIGNED = "ipt_roleplay.signed_in"


class ProgrammeServer(RoleplayServer):
    def __init__(
        self,
        argv: Sequence[str],
        host: str = "127.0.0.1",
        port: int = 8000,
        *,
        tls: tuple[str, str] | None = None,
        behind_proxy: bool = False,
        session_hours: float = DEFAULT_HOURS,
        out=None,
    ) -> None:
        # The Host header is checked only on loopback; a programme on a real address is
        # reached by its real name (sign-in, not the address, keeps strangers out).
        super().__init__(argv, host, port, public=behind_proxy or not is_loopback(host), out=out)
        self.behind_proxy = behind_proxy
        self.secure_cookies = tls is not None or behind_proxy
        if tls is not None:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(*tls)
            self.ssl_context = context
            self.url = self.url.replace("http://", "https://", 1)
        self.accounts = Accounts.open()
        self._db_lock = threading.Lock()
        self.sign_ins = SignIns(session_hours * 3600)
        self.name_limit = RateLimit(NAME_ATTEMPTS, ATTEMPT_WINDOW_SECONDS)
        self.address_limit = RateLimit(ADDRESS_ATTEMPTS, ATTEMPT_WINDOW_SECONDS)
        # The stand-in hash is made now, so the first unknown name is not the slow one.
        self.accounts.authenticate("", "")

    # --- the database, off the event loop ------------------------------------------------

    async def _db(self, work: Callable[[], T]) -> T:
        def locked() -> T:
            with self._db_lock:
                return work()

        return await asyncio.get_running_loop().run_in_executor(None, locked)

    # --- who is asking ------------------------------------------------------------------

    async def signed_in(self, request: web.Request) -> SignedIn | None:
        signed = self.sign_ins.get(request.cookies.get(COOKIE))
        if signed is None:
            return None
        # Off the event loop like every read: the lock may be held by a long report.
        account = await self._db(lambda: self.accounts.get(signed.name))
        if account is None or account.role != signed.role:  # removed or changed since
            self.sign_ins.end_all_for(signed.name)
            return None
        return signed

    def _client_address(self, request: web.Request) -> str:
        if self.behind_proxy:
            # The proxy appends the address it saw; only that last entry can be trusted.
            forwarded = request.headers.get("X-Forwarded-For", "")
            if forwarded.strip():
                return forwarded.split(",")[-1].strip()
        return request.remote or "unknown"

    @staticmethod
    def _same_origin(request: web.Request) -> bool:
        # Browsers send Origin with every POST (a client that sends none still needs the
        # CSRF token); "null" comes from sandboxed frames and local files.
        origin = request.headers.get("Origin")
        if origin is None:
            return True
        return origin != "null" and URL(origin).raw_authority.lower() == request.host.lower()

    # --- responses ----------------------------------------------------------------------

    def _html(self, text: str, status: int = 200) -> web.Response:
        response = web.Response(text=text, status=status, content_type="text/html", charset="utf-8")
        response.headers["Content-Security-Policy"] = pages.CONTENT_SECURITY_POLICY
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Frame-Options"] = "DENY"
        # Not no-referrer (serve.py's default): under it, browsers send "Origin: null" with
        # a form, and the origin check could not tell our own forms from anyone's.
        response.headers["Referrer-Policy"] = "same-origin"
        if self.ssl_context is not None:
            response.headers["Strict-Transport-Security"] = "max-age=31536000"
        return response

    def _cookie(self, response: web.StreamResponse, name: str, value: str, max_age: int) -> None:
        response.set_cookie(
            name, value, max_age=max_age, path="/", httponly=True, samesite="Strict",
            secure=self.secure_cookies,
        )

    def _not_from_our_page(self, title: str) -> web.Response:
        return self._html(pages.problem(title, "That request did not come from this page."), 403)

    @staticmethod
    def _see(location: str) -> web.Response:
        return web.Response(status=303, headers={"Location": location, "Cache-Control": "no-store"})

    def _sign_in_page(self, problem: str | None = None, name: str = "", status: int = 200) -> web.Response:
        token = secrets.token_urlsafe(32)
        response = self._html(pages.sign_in(token, problem, name), status)
        self._cookie(response, PRE_COOKIE, token, max_age=3600)
        return response

    async def _form(self, request: web.Request, signed: SignedIn | None) -> Any:
        """The posted form, when it came from our own page; None for a forged request."""
        form = await request.post()
        expected = signed.csrf if signed else request.cookies.get(PRE_COOKIE)
        if not self._same_origin(request) or not same_token(form.get("csrf"), expected):
            return None
        return form

    # --- routes -------------------------------------------------------------------------

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard], client_max_size=64 * 1024)
        page = _index_template(self.templates_path)
        aiohttp_jinja2.setup(app, loader=jinja2.DictLoader({"app_index.html": page}))
        app.add_routes([
            web.get("/", self.handle_home),
            web.get("/sign-in", self.handle_sign_in_page),
            web.post("/sign-in", self.handle_sign_in),
            web.post("/sign-out", self.handle_sign_out),
            web.get("/play", self.handle_play),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.get("/sessions", self.handle_sessions),
            web.post("/sessions/{id:\\d+}/share", self.handle_share),
            web.get("/report/{id:\\d+}", self.handle_own_report),
            web.get("/report/{owner}/{id:\\d+}", self.handle_shared_report),
            web.get("/supervisor", self.handle_supervisor),
            web.get("/supervisor/report.csv", self.handle_supervisor_csv),
            web.post("/supervisor/share-by-default", self.handle_share_default),
            web.get("/favicon.ico", self.handle_favicon),
            web.static("/static", self.statics_path, name="static"),
        ])
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        app.on_cleanup.append(self._close_store)
        return app

    async def _close_store(self, app: web.Application) -> None:
        with self._db_lock:
            self.accounts.close()

    async def on_startup(self, app: web.Application) -> None:
        self.say(f"ipt-roleplay programme is ready. Open this address in a web browser:\n\n    {self.url}\n")
        self.say("Everyone signs in with an account from `ipt-roleplay users add`.")
        self.say("Press Ctrl+C here to stop (everyone signed in is signed out).")

    async def handle_home(self, request: web.Request) -> web.Response:
        signed = await self.signed_in(request)
        if signed is None:
            return self._see("/sign-in")
        return self._html(pages.home(signed.name, signed.role, signed.csrf))

    async def handle_sign_in_page(self, request: web.Request) -> web.Response:
        if await self.signed_in(request) is not None:
            return self._see("/")
        return self._sign_in_page()

    async def handle_sign_in(self, request: web.Request) -> web.Response:
        form = await self._form(request, None)
        if form is None:
            return self._sign_in_page("The sign-in page had expired. Please try again.", status=403)
        name = str(form.get("name", "")).strip().lower()[:64]
        password = str(form.get("password", ""))
        address = self._client_address(request)
        wait = max(self.address_limit.blocked(address), self.name_limit.blocked(name))
        if wait > 0:
            minutes = max(1, math.ceil(wait / 60))
            return self._sign_in_page(
                f"Too many sign-in attempts. Please wait {minutes} minute{'s' if minutes != 1 else ''} "
                "and try again.", name, status=429,
            )
        account = await asyncio.get_running_loop().run_in_executor(
            None, lambda: self.accounts.authenticate(name, password, lock=self._db_lock)
        )
        if account is None:
            self.address_limit.failed(address)
            self.name_limit.failed(name)
            return self._sign_in_page(WRONG, name, status=401)
        self.name_limit.succeeded(name)
        token, _ = self.sign_ins.create(account.name, account.role)
        response = self._see("/")
        self._cookie(response, COOKIE, token, max_age=int(self.sign_ins.lifetime))
        response.del_cookie(PRE_COOKIE, path="/")
        return response

    async def handle_sign_out(self, request: web.Request) -> web.Response:
        signed = await self.signed_in(request)
        if signed is not None:
            if await self._form(request, signed) is None:
                return self._not_from_our_page("Still signed in")
            self.sign_ins.end(request.cookies.get(COOKIE))
        response = self._see("/sign-in")
        response.del_cookie(COOKIE, path="/")
        return response

    async def handle_play(self, request: web.Request) -> web.StreamResponse:
        if await self.signed_in(request) is None:
            return self._see("/sign-in")
        return await self.handle_index(request)

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        signed = await self.signed_in(request)
        if signed is None:
            return web.Response(status=403, text="Please sign in first.\n")
        request[_SIGNED] = signed
        return await super().handle_websocket(request)

    def make_service(self, request: web.Request, **kwargs: Any) -> RoleplayAppService:
        signed: SignedIn = request[_SIGNED]
        return RoleplayAppService(self.argv, extra_env={USER_ENV: signed.name}, **kwargs)

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        if await self.signed_in(request) is None:
            return web.Response(status=403, text="Please sign in first.\n")
        return await super().handle_download(request)

    # A person's own sessions.

    def _history(self, owner: str) -> History:
        return History(self.accounts.db, None, owner=owner)

    async def handle_sessions(self, request: web.Request) -> web.Response:
        signed = await self.signed_in(request)
        if signed is None:
            return self._see("/sign-in")
        sessions, default = await self._db(
            lambda: (self._history(signed.name).sessions(),
                     self.accounts.setting(SHARE_DEFAULT_SETTING) == "1")
        )
        return self._html(pages.my_sessions(signed.name, signed.csrf, sessions, default))

    async def handle_share(self, request: web.Request) -> web.Response:
        signed = await self.signed_in(request)
        if signed is None:
            return self._see("/sign-in")
        form = await self._form(request, signed)
        if form is None:
            return self._not_from_our_page("Not changed")
        session_id, shared = int(request.match_info["id"]), form.get("shared") == "1"
        try:
            await self._db(lambda: self._history(signed.name).set_shared(session_id, shared))
        except SessionNotFound:
            return self._html(pages.problem("Not found", "There is no such session of yours."), 404)
        return self._see("/sessions")

    async def handle_own_report(self, request: web.Request) -> web.Response:
        signed = await self.signed_in(request)
        if signed is None:
            return self._see("/sign-in")
        return await self._report(self._history(signed.name), int(request.match_info["id"]))

    async def _report(self, history: History, session_id: int) -> web.Response:
        try:
            text = await self._db(lambda: to_html(build_report(history, session_id)))
        except SessionNotFound:
            return self._html(pages.problem("Not found", "There is no such session to show."), 404)
        response = self._html(text)
        # The report is one self-contained page; its own styles are inline.
        response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
        return response

    # The supervisor's view: shared sessions only (programme/oversight.py).

    async def _supervisor(self, request: web.Request) -> SignedIn | None:
        signed = await self.signed_in(request)
        return signed if signed is not None and signed.role == "supervisor" else None

    async def handle_shared_report(self, request: web.Request) -> web.Response:
        if await self._supervisor(request) is None:
            return self._html(pages.problem("Not found", "There is no such session to show."), 404)
        history = oversight.shared_history(self.accounts.db, request.match_info["owner"])
        return await self._report(history, int(request.match_info["id"]))

    async def handle_supervisor(self, request: web.Request) -> web.Response:
        signed = await self._supervisor(request)
        if signed is None:
            return self._see("/") if await self.signed_in(request) else self._see("/sign-in")
        people, default = await self._db(
            lambda: (oversight.overview(self.accounts.db),
                     self.accounts.setting(SHARE_DEFAULT_SETTING) == "1")
        )
        body = oversight.overview_html(people, report_link="/report/{owner}/{id}")
        return self._html(pages.supervisor(signed.name, signed.csrf, body, default))

    async def handle_supervisor_csv(self, request: web.Request) -> web.Response:
        if await self._supervisor(request) is None:
            return self._see("/sign-in")
        text = await self._db(lambda: oversight.to_csv(oversight.overview(self.accounts.db)))
        return web.Response(
            text=text, content_type="text/csv", charset="utf-8",
            headers={"Content-Disposition": 'attachment; filename="programme-report.csv"',
                     "Cache-Control": "no-store"},
        )

    async def handle_share_default(self, request: web.Request) -> web.Response:
        signed = await self._supervisor(request)
        if signed is None:
            return self._see("/sign-in")
        form = await self._form(request, signed)
        if form is None:
            return self._not_from_our_page("Not changed")
        value = "1" if form.get("setting") == "on" else "0"
        await self._db(lambda: self.accounts.set_setting(SHARE_DEFAULT_SETTING, value))
        return self._see("/supervisor")


def check_programme_host(host: str, tls: tuple[str, str] | None, behind_proxy: bool) -> None:
    from ipt_roleplay.errors import UserError

    if is_loopback(host) or tls is not None or behind_proxy:
        return
    raise UserError(
        f"{host or 'that address'} can be reached from other computers, and passwords would "
        "cross the network unencrypted.\nGive --tls-cert FILE --tls-key FILE to serve over "
        "HTTPS, or run it on 127.0.0.1 behind a reverse proxy that does HTTPS and add "
        "--behind-proxy (see README: \"A training programme\")."
    )


def run_programme(
    host: str, port: int, scenario_dirs: Sequence[str], *, tls: tuple[str, str] | None,
    behind_proxy: bool, session_hours: float, out=None,
) -> int:
    from ipt_roleplay.errors import UserError
    from ipt_roleplay.serve import app_argv, pin_home

    pin_home()
    # Whose practice a tab's app sees is set per tab, never inherited from here.
    os.environ.pop(USER_ENV, None)
    try:
        server = ProgrammeServer(
            app_argv(scenario_dirs), host, port, tls=tls, behind_proxy=behind_proxy,
            session_hours=session_hours, out=out,
        )
    except (ssl.SSLError, OSError) as error:
        raise UserError(f"could not use the TLS certificate and key ({error}).") from None
    if not server.accounts.list():
        server.accounts.close()
        raise UserError(
            "There are no accounts yet, so no one could sign in. Add one first, for example:\n"
            "    ipt-roleplay users add ana --role supervisor"
        )
    server.serve()
    print("Stopped the server.", file=out or sys.stdout, flush=True)
    return 0
