"""A training programme: accounts, sign-in, each person's own practice, and the
supervisor's view of shared sessions only. The server runs in this process through
aiohttp's test client, against both store backends (store_env)."""

from __future__ import annotations

import asyncio
import hashlib
import io
import re
import sys

import pytest
from aiohttp.test_utils import TestClient, TestServer
from store_helpers import new_session, play

from ipt_roleplay.cli import main
from ipt_roleplay.programme import accounts as accounts_module
from ipt_roleplay.programme.accounts import Accounts, check_password, hash_password
from ipt_roleplay.programme.server import WRONG, ProgrammeServer, check_programme_host
from ipt_roleplay.programme.signin import COOKIE, PRE_COOKIE, RateLimit, SignIns
from ipt_roleplay.errors import UserError
from ipt_roleplay.store.history import SHARE_DEFAULT_SETTING, USER_ENV, History
from ipt_roleplay.store.recorder import Recorder

PASSWORD = "correct horse battery"
FORM_TOKEN = re.compile(r'name="csrf" value="([^"]+)"')


@pytest.fixture(autouse=True)
def quick_hashes(monkeypatch):
    # A cheaper scrypt cost keeps these tests quick; every check still runs scrypt, and
    # the hash records its own cost, as a real one does.
    monkeypatch.setattr(accounts_module, "SCRYPT_N", 2**12)


# --- accounts ---------------------------------------------------------------------------


def test_a_password_is_kept_only_as_a_salted_scrypt_hash():
    first, second = hash_password(PASSWORD), hash_password(PASSWORD)
    assert first.startswith("scrypt$") and PASSWORD not in first
    assert first != second  # salted
    assert check_password(PASSWORD, first) and not check_password(PASSWORD + "x", first)
    assert not check_password(PASSWORD, "md5$whatever")


def add_accounts(*specs: tuple[str, str]) -> None:
    with Accounts.open() as accounts:
        for name, role in specs:
            accounts.add(name, role, PASSWORD)


def test_unknown_name_and_wrong_password_cost_the_same(store_env, monkeypatch):
    add_accounts(("ana", "trainee"))
    calls: list[int] = []
    real = hashlib.scrypt

    def counting(*args, **kwargs):
        calls.append(kwargs["n"])
        return real(*args, **kwargs)

    with Accounts.open() as accounts:
        accounts.authenticate("warm-up", "x")  # the stand-in hash is made once, up front
        monkeypatch.setattr(accounts_module.hashlib, "scrypt", counting)
        for name, password in (("ana", "wrong password"), ("nobody", "wrong password"),
                               ("NOT A NAME", PASSWORD)):
            calls.clear()
            assert accounts.authenticate(name, password) is None
            # Exactly one scrypt at the same cost, whether or not the name exists.
            assert calls == [accounts_module.SCRYPT_N], name
        assert accounts.authenticate("ana", PASSWORD).role == "trainee"


def run_cli(capsys, *argv, stdin: str | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_users_add_list_remove(store_env, capsys, monkeypatch):
    code, out, err = run_cli(capsys, "users", "add", "ana", "--role", "trainee", "--password-stdin",
                             stdin=PASSWORD + "\n", monkeypatch=monkeypatch)
    assert code == 0 and "Added ana (trainee)" in out and PASSWORD not in out + err
    code, out, _ = run_cli(capsys, "users", "add", "ana", "--role", "client", "--password-stdin",
                           stdin=PASSWORD + "\n", monkeypatch=monkeypatch)
    assert code == 2
    code, _, err = run_cli(capsys, "users", "add", "bo", "--role", "trainee", "--password-stdin",
                           stdin="short\n", monkeypatch=monkeypatch)
    assert code == 2 and "too short" in err
    code, _, err = run_cli(capsys, "users", "add", "bo", "--role", "trainee",
                           stdin="", monkeypatch=monkeypatch)
    assert code == 2 and "--password-stdin" in err  # no terminal to ask on
    code, out, _ = run_cli(capsys, "users", "list")
    assert code == 0 and re.search(r"ana\s+trainee", out) and "bo" not in out
    with History.open(owner="ana") as history:
        Recorder.start(history, new_session())
    code, out, _ = run_cli(capsys, "users", "remove", "ana", "--forget-practice")
    assert code == 0 and "forgot 1 practice session" in out
    code, out, _ = run_cli(capsys, "users", "list")
    assert "No accounts yet" in out
    code, _, err = run_cli(capsys, "users", "remove", "ana")
    assert code == 2 and "no account called ana" in err


def test_rate_limit_counts_failures_in_a_window():
    now = [0.0]
    limit = RateLimit(attempts=3, window=60, clock=lambda: now[0])
    for _ in range(3):
        assert limit.blocked("a") == 0
        limit.failed("a")
    assert limit.blocked("a") == pytest.approx(60) and limit.blocked("b") == 0
    now[0] = 61
    assert limit.blocked("a") == 0


def test_rate_limit_forgets_names_whose_failures_are_old():
    # Every name tried would otherwise stay in the server's memory for good.
    now = [0.0]
    limit = RateLimit(attempts=3, window=60, clock=lambda: now[0])
    for i in range(100):
        assert limit.blocked(f"name{i}") == 0
        limit.failed(f"name{i}")
    assert len(limit._failures) == 100
    now[0] = 61
    limit.failed("late")
    assert list(limit._failures) == ["late"]


# --- the server -------------------------------------------------------------------------


@pytest.fixture
def programme(store_env):
    add_accounts(("ana", "trainee"), ("ben", "trainee"), ("sam", "supervisor"))
    server = ProgrammeServer(["true"], "127.0.0.1", 0, out=io.StringIO())
    yield server


def browse(server: ProgrammeServer, scenario):
    """Run ``scenario(client)`` against the server's app."""

    async def go():
        app = await server._make_app()
        async with TestClient(TestServer(app, host="127.0.0.1")) as client:
            return await scenario(client)

    return asyncio.run(go())


async def sign_in(client, name: str, password: str = PASSWORD, **headers):
    page = await client.get("/sign-in")
    token = FORM_TOKEN.search(await page.text()).group(1)
    return await client.post(
        "/sign-in", data={"csrf": token, "name": name, "password": password},
        allow_redirects=False, headers=headers,
    )


def test_nothing_but_sign_in_before_signing_in(programme):
    async def scenario(client):
        for path in ("/", "/play", "/sessions", "/supervisor"):
            response = await client.get(path, allow_redirects=False)
            assert (response.status, response.headers["Location"]) == (303, "/sign-in"), path
        assert (await client.get("/ws")).status == 403
        assert (await client.get("/report/1", allow_redirects=False)).status == 303
        page = await client.get("/sign-in")
        assert page.status == 200 and "Sign in" in await page.text()
        assert "form-action 'self'" in page.headers["Content-Security-Policy"]
        assert programme.services == set()  # no app process was started

    browse(programme, scenario)


def test_good_sign_in_sets_a_strict_expiring_cookie(programme):
    async def scenario(client):
        response = await sign_in(client, "ana")
        assert response.status == 303 and response.headers["Location"] == "/"
        cookie = next(v for k, v in response.headers.items() if k == "Set-Cookie" and COOKIE + "=" in v)
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        assert f"Max-Age={8 * 3600}" in cookie and "Path=/" in cookie
        home = await client.get("/")
        assert "Signed in as <b>ana</b> (trainee)" in await home.text()
        play = await client.get("/play")
        assert play.status == 200 and "textual.js" in await play.text()

    browse(programme, scenario)


def test_wrong_password_and_unknown_name_get_the_same_answer(programme):
    async def scenario(client):
        answers = []
        for name, password in (("ana", "not the password"), ("nobody", PASSWORD)):
            response = await sign_in(client, name, password)
            text = FORM_TOKEN.sub("", await response.text()).replace(name, "NAME")
            answers.append((response.status, text))
            assert COOKIE not in response.cookies
        assert answers[0] == answers[1] and answers[0][0] == 401 and WRONG in answers[0][1]

    browse(programme, scenario)


def test_sign_in_attempts_are_rate_limited(programme):
    async def scenario(client):
        for _ in range(5):
            assert (await sign_in(client, "ana", "guess guess guess")).status == 401
        blocked = await sign_in(client, "ana")  # even the right password, for now
        assert blocked.status == 429 and "Too many sign-in attempts" in await blocked.text()
        assert COOKIE not in blocked.cookies
        # Another name from the same address is still allowed (the address limit is higher).
        assert (await sign_in(client, "ben")).status == 303

    browse(programme, scenario)


def test_sign_in_without_its_form_token_or_from_another_site_is_refused(programme):
    async def scenario(client):
        await client.get("/sign-in")
        forged = await client.post("/sign-in", data={"csrf": "guess", "name": "ana", "password": PASSWORD},
                                   allow_redirects=False)
        assert forged.status == 403 and COOKIE not in forged.cookies
        elsewhere = await sign_in(client, "ana", Origin="https://evil.example")
        assert elsewhere.status == 403 and COOKIE not in elsewhere.cookies

    browse(programme, scenario)


def test_an_expired_or_made_up_cookie_signs_nobody_in(programme):
    async def scenario(client):
        assert (await sign_in(client, "ana")).status == 303
        assert (await client.get("/", allow_redirects=False)).status == 200
        later = programme.sign_ins.clock() + 8 * 3600 + 1
        programme.sign_ins.clock = lambda: later
        response = await client.get("/", allow_redirects=False)
        assert (response.status, response.headers["Location"]) == (303, "/sign-in")
        client.session.cookie_jar.update_cookies({COOKIE: "made-up-token"})
        assert (await client.get("/sessions", allow_redirects=False)).status == 303
        assert (await client.get("/ws")).status == 403

    browse(programme, scenario)


def test_sign_out_needs_the_token_and_ends_the_session(programme):
    async def scenario(client):
        await sign_in(client, "ana")
        home = await (await client.get("/")).text()
        token = FORM_TOKEN.search(home).group(1)
        await client.post("/sign-out", data={"csrf": "wrong"}, allow_redirects=False)
        assert (await client.get("/", allow_redirects=False)).status == 200  # still signed in
        await client.post("/sign-out", data={"csrf": token}, allow_redirects=False)
        assert (await client.get("/", allow_redirects=False)).status == 303

    browse(programme, scenario)


def _record(owner: str, picks=(0,)) -> int:
    with History.open(owner=owner) as history:
        return play(history, picks)


def test_each_person_sees_only_their_own_sessions(programme):
    ana_session, ben_session = _record("ana"), _record("ben")

    async def scenario(client):
        await sign_in(client, "ana")
        mine = await (await client.get("/sessions")).text()
        assert f'action="/sessions/{ana_session}/share"' in mine
        assert f'/sessions/{ben_session}/' not in mine
        # Another person's session id, asked for directly: not found, and not changed.
        assert (await client.get(f"/report/{ben_session}")).status == 404
        token = FORM_TOKEN.search(mine).group(1)
        response = await client.post(f"/sessions/{ben_session}/share", data={"csrf": token, "shared": "1"})
        assert response.status == 404
        assert (await client.get(f"/report/{ana_session}")).status == 200
        # Nor can a trainee use the supervisor's address for someone's shared session.
        assert (await client.get(f"/report/ben/{ben_session}")).status == 404

    browse(programme, scenario)
    with History.open(owner="ben") as ben:
        assert ben.session(ben_session).shared is False


def test_each_tab_runs_the_app_as_the_signed_in_person(programme):
    from ipt_roleplay.programme.server import _SIGNED

    _, signed = programme.sign_ins.create("ana", "trainee")
    service = programme.make_service({_SIGNED: signed}, write_bytes=None, write_str=None,
                                     close=None, download_manager=None, debug=False)
    assert service._build_environment()[USER_ENV] == "ana"


def test_the_supervisor_sees_shared_sessions_but_not_unshared_ones(programme):
    shared, unshared = _record("ana", (0,)), _record("ana", (1,))
    with History.open(owner="ana") as ana:
        ana.set_shared(shared, True)

    async def scenario(client):
        await sign_in(client, "sam")
        assert (await client.get("/", allow_redirects=False)).status == 200
        page = await (await client.get("/supervisor")).text()
        assert f"/report/ana/{shared}" in page and f"/report/ana/{unshared}" not in page
        assert "1 shared session" in page and "Nothing shared yet" in page  # ben
        assert (await client.get(f"/report/ana/{shared}")).status == 200
        assert (await client.get(f"/report/ana/{unshared}")).status == 404
        csv_text = await (await client.get("/supervisor/report.csv")).text()
        rows = [line.split(",") for line in csv_text.splitlines()[1:]]
        assert [(r[0], int(r[2])) for r in rows] == [("ana", shared)]
        # The supervisor's default for new sessions, set from the page.
        token = FORM_TOKEN.search(page).group(1)
        await client.post("/supervisor/share-by-default", data={"csrf": token, "setting": "on"})

    browse(programme, scenario)
    with Accounts.open() as accounts:
        assert accounts.setting(SHARE_DEFAULT_SETTING) == "1"
    assert History.open(owner="ana").session(_record("ana")).shared is True


def test_a_trainee_cannot_open_the_supervisors_view(programme):
    async def scenario(client):
        await sign_in(client, "ana")
        response = await client.get("/supervisor", allow_redirects=False)
        assert (response.status, response.headers["Location"]) == (303, "/")
        assert (await client.get("/supervisor/report.csv", allow_redirects=False)).status == 303

    browse(programme, scenario)


def test_programme_report_shows_only_shared_sessions(store_env, capsys, tmp_path):
    add_accounts(("ana", "trainee"))
    shared, unshared = _record("ana", (0,)), _record("ana", (1,))
    with History.open(owner="ana") as ana:
        ana.set_shared(shared, True)
    code, out, _ = run_cli(capsys, "programme", "report", "--format", "csv")
    assert code == 0
    assert [line.split(",")[2] for line in out.splitlines()[1:]] == [str(shared)]
    target = tmp_path / "report.html"
    code, _, _ = run_cli(capsys, "programme", "report", "-o", str(target))
    text = target.read_text()
    assert code == 0 and "<h2>ana" in text and "1 shared session" in text and "http" not in text


def test_a_removed_account_is_signed_out(programme):
    async def scenario(client):
        await sign_in(client, "ben")
        assert (await client.get("/", allow_redirects=False)).status == 200
        with Accounts.open() as accounts:
            accounts.remove("ben")
        assert (await client.get("/", allow_redirects=False)).status == 303

    browse(programme, scenario)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.7", "example.org"])
def test_a_reachable_programme_needs_tls_or_a_proxy(host):
    with pytest.raises(UserError, match="--tls-cert FILE --tls-key FILE"):
        check_programme_host(host, None, False)
    check_programme_host(host, ("cert.pem", "key.pem"), False)
    check_programme_host(host, None, True)
    check_programme_host("127.0.0.1", None, False)


def test_serve_programme_refuses_a_reachable_host_without_tls(capsys):
    assert main(["serve", "--programme", "--host", "0.0.0.0"]) == 2
    assert "--behind-proxy" in capsys.readouterr().err
    assert main(["serve", "--programme", "--tls-cert", "c.pem"]) == 2
    assert "both --tls-cert" in capsys.readouterr().err
    assert main(["serve", "--behind-proxy"]) == 2
    assert "are for --programme" in capsys.readouterr().err


def test_serve_programme_with_no_accounts_says_how_to_add_one(store_env, capsys):
    assert main(["serve", "--programme", "--port", "1"]) == 2
    assert "users add" in capsys.readouterr().err


def test_sign_ins_expire_and_end():
    now = [1000.0]
    sign_ins = SignIns(lifetime_seconds=60, clock=lambda: now[0])
    token, signed = sign_ins.create("ana", "trainee")
    assert sign_ins.get(token) == signed and sign_ins.get("other") is None
    now[0] += 61
    assert sign_ins.get(token) is None
    token, _ = sign_ins.create("ana", "trainee")
    sign_ins.end_all_for("ana")
    assert sign_ins.get(token) is None


def test_pre_sign_in_cookie_is_strict_too(programme):
    async def scenario(client):
        page = await client.get("/sign-in")
        cookie = next(v for k, v in page.headers.items() if k == "Set-Cookie" and PRE_COOKIE in v)
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie

    browse(programme, scenario)


def test_tls_settings_serve_https_with_secure_cookies(store_env, tmp_path):
    import shutil
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed, so no certificate can be made for the test")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
         "-out", str(cert), "-days", "1", "-subj", "/CN=localhost"],
        check=True, capture_output=True, timeout=60,
    )
    add_accounts(("ana", "trainee"))
    server = ProgrammeServer(["true"], "0.0.0.0", 8443, tls=(str(cert), str(key)), out=io.StringIO())
    assert server.ssl_context is not None and server.url == "https://127.0.0.1:8443"
    assert server.secure_cookies
    server.accounts.close()


def test_a_certificate_that_cannot_be_read_is_a_clear_error(store_env, tmp_path, capsys):
    add_accounts(("ana", "trainee"))
    (tmp_path / "cert.pem").write_text("not a certificate")
    code = main(["serve", "--programme", "--tls-cert", str(tmp_path / "cert.pem"),
                 "--tls-key", str(tmp_path / "cert.pem"), "--port", "1"])
    assert code == 2 and "could not use the TLS certificate" in capsys.readouterr().err


def test_behind_a_proxy_cookies_are_secure_and_the_forwarded_address_is_limited(store_env):
    add_accounts(("ana", "trainee"), ("ben", "trainee"))
    server = ProgrammeServer(["true"], "127.0.0.1", 0, behind_proxy=True, out=io.StringIO())
    server.address_limit = RateLimit(attempts=2, window=300)

    async def proxied_sign_in(client, name, password=PASSWORD, address="198.51.100.1"):
        # The proxy speaks HTTPS to the browser, so the browser returns Secure cookies;
        # this test client speaks plain HTTP, so it is handed the form's cookie by hand.
        page = await client.get("/sign-in")
        token = FORM_TOKEN.search(await page.text()).group(1)
        assert "Secure" in page.headers["Set-Cookie"]
        return await client.post(
            "/sign-in", data={"csrf": token, "name": name, "password": password},
            allow_redirects=False,
            headers={"X-Forwarded-For": address, "Cookie": f"{PRE_COOKIE}={token}"},
        )

    async def scenario(client):
        response = await proxied_sign_in(client, "ana")
        cookie = next(v for k, v in response.headers.items() if k == "Set-Cookie" and COOKIE + "=" in v)
        assert response.status == 303 and "Secure" in cookie
        for _ in range(2):
            await proxied_sign_in(client, "ben", "wrong password!", "203.0.113.9")
        blocked = await proxied_sign_in(client, "ben", address="203.0.113.9")
        assert blocked.status == 429
        # Someone at another address is not held up by that one.
        assert (await proxied_sign_in(client, "ben")).status == 303

    browse(server, scenario)
