"""`ipt-roleplay serve`: the app in a web browser, through textual-serve.

The server runs as a real subprocess on a free loopback port, with IPT_ROLEPLAY_HOME in
a temporary folder, and every test stops it (SIGINT, then kill after a bounded wait).
The browser test drives headless Chromium with selenium; it skips only when Chromium or
chromedriver is not installed (CI installs both).
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from ipt_roleplay import serve
from ipt_roleplay.cli import _command_modules, build_parser, main
from ipt_roleplay.store.paths import HOME_ENV

OWN_TITLE = "Practice from your own folder"
EXTRA_TITLE = "Practice from an extra folder"
START_SECONDS = 30
STOP_SECONDS = 20
BROWSER_SECONDS = 60

SCENARIO = """\
id: {id}
title: {title}
problem_area: role_dispute
learner_role: client
summary: A short scenario written by the serve tests.
characters:
  sam: {{name: Sam, description: A friend.}}
start: hello
states:
  hello:
    speaker: sam
    says: Hi. Have you got a minute?
    choices:
      - reply: Yes, of course. What's up?
        goto: done
        feedback: {{rating: helpful, patterns: [open_question], note: An open door.}}
  done:
    speaker: sam
    says: Thanks.
    ending: {{outcome: resolved, debrief: You made room to talk.}}
"""


# --- a real server in a subprocess ----------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Served:
    proc: subprocess.Popen
    port: int
    home: Path
    extra: Path
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> int:
        """Ctrl+C, as a person would; kill if it has not stopped in time."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(STOP_SECONDS)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        return self.proc.returncode


def _die_with_parent() -> None:
    """In the server's process: if the test run itself is killed, stop too (Linux)."""
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _write_scenario(folder: Path, slug: str, title: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{slug}.yaml").write_text(SCENARIO.format(id=slug, title=title), encoding="utf-8")


def start_server(tmp_path: Path, *extra_args: str) -> Served:
    home = tmp_path / "home"
    extra = tmp_path / "extra scenarios"  # a space, to prove the argument list survives
    _write_scenario(home / "scenarios", "own-folder", OWN_TITLE)
    _write_scenario(extra, "extra-folder", EXTRA_TITLE)
    env = {**os.environ, HOME_ENV: str(home)}
    env.pop("IPT_ROLEPLAY_DEBUG", None)
    for attempt in range(3):  # another test may take a free port between look and bind
        port = free_port()
        log = tmp_path / f"server-{attempt}.log"
        with open(log, "wb") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "ipt_roleplay", "serve", "--port", str(port),
                 "--scenarios", str(extra), *extra_args],
                cwd=tmp_path, env=env, stdin=subprocess.DEVNULL, stdout=out,
                stderr=subprocess.STDOUT, preexec_fn=_die_with_parent,
            )
        served = Served(proc, port, home, extra, log)
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(served.url + "/", timeout=2) as response:
                    if response.status == 200:
                        return served
            except OSError:
                time.sleep(0.1)
        served.stop()
        if "already in use" not in served.output():
            pytest.fail(f"the server did not start in {START_SECONDS}s:\n{served.output()}")
    pytest.fail("no free port after three tries")


@pytest.fixture
def server(tmp_path):
    served = start_server(tmp_path)
    yield served
    served.stop()


# --- talking to it like the page does, without a browser --------------------------------

ANSI = re.compile(r"\x1b\][^\x07]*\x07|\x1b\[[0-9;?<>=$]*[ -/]*[@-~]|\x1b[()][A-Z0-9]|\x1b[=>78]")


def plain(text: str) -> str:
    return " ".join(text.split())


async def _session_text(url: str, wanted: list[str], origin: str | None, seconds: float) -> str:
    import codecs

    import aiohttp

    headers = {"Origin": origin} if origin else {}
    decode = codecs.getincrementaldecoder("utf-8")("replace").decode
    chunks: list[str] = []
    async with aiohttp.ClientSession() as client:
        async with client.ws_connect(
            url.replace("http", "ws", 1) + "/ws?width=120&height=50", headers=headers
        ) as ws:
            await ws.send_str(json.dumps(["focus"]))
            deadline = time.monotonic() + seconds
            while not all(w in plain("".join(chunks)) for w in wanted):
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                try:
                    # Short waits: the server's heartbeat ping restarts a receive's timer.
                    message = await ws.receive(timeout=min(left, 1.0))
                except asyncio.TimeoutError:
                    continue
                if message.type == aiohttp.WSMsgType.BINARY:
                    chunks.append(ANSI.sub("", decode(message.data)))
                elif message.type != aiohttp.WSMsgType.TEXT:
                    break
    return plain("".join(chunks))


def session_text(served: Served, wanted: list[str], origin: str | None = "same", seconds=30.0) -> str:
    origin = served.url if origin == "same" else origin
    coroutine = _session_text(served.url, wanted, origin, seconds)
    return asyncio.run(asyncio.wait_for(coroutine, seconds + 15))


def app_processes(served: Served) -> list[int]:
    """Tab processes: Python processes whose command line names this test's extra folder."""
    marker = str(served.extra.resolve()).encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == served.proc.pid:
            continue
        with contextlib.suppress(OSError):
            if marker in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
    return found


# --- the page and its guards -------------------------------------------------------------


def test_serves_the_textual_serve_page_and_nothing_from_elsewhere(server):
    with urllib.request.urlopen(server.url + "/", timeout=10) as response:
        page = response.read().decode()
        headers = response.headers
    assert 'class="textual-terminal"' in page
    assert f'data-session-websocket-url="ws://127.0.0.1:{server.port}/ws"' in page
    assert '<script src="/static/js/textual.js"></script>' in page
    assert "<title>ipt-roleplay</title>" in page
    # textual-serve's own page asks Google Fonts for a font; ours loads nothing from away.
    assert "googleapis" not in page and "https://" not in page
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert f"connect-src 'self' ws://127.0.0.1:{server.port}/ws" in policy
    with urllib.request.urlopen(server.url + "/static/js/textual.js", timeout=10) as script:
        assert script.status == 200 and b"xterm" in script.read()
    assert "ipt-roleplay is ready" in server.output()
    assert server.url in server.output()


def test_a_page_reaching_it_by_another_name_is_refused(server):
    # DNS rebinding: a site whose name now points at 127.0.0.1 sends its own Host.
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        for host, status in (("attacker.example", 403), ("localhost", 200)):
            connection.request("GET", "/", headers={"Host": f"{host}:{server.port}"})
            response = connection.getresponse()
            response.read()
            assert response.status == status, host
    finally:
        connection.close()


def test_another_site_cannot_open_a_session(server):
    import aiohttp

    async def connect() -> int:
        async with aiohttp.ClientSession() as client:
            try:
                async with client.ws_connect(
                    server.url.replace("http", "ws") + "/ws",
                    headers={"Origin": "https://attacker.example"},
                ):
                    return 101
            except aiohttp.WSServerHandshakeError as error:
                return error.status

    assert asyncio.run(connect()) == 403
    assert app_processes(server) == []


def test_a_session_is_the_app_with_the_same_home_and_folders(server):
    # The title from $IPT_ROLEPLAY_HOME/scenarios proves the tab's app inherited the
    # server's environment, so it reads and writes the same history as the terminal app.
    text = session_text(server, [OWN_TITLE, EXTRA_TITLE])
    assert OWN_TITLE in text, text[-2000:]
    assert EXTRA_TITLE in text, text[-2000:]
    assert "Traceback" not in server.output()


def test_ctrl_c_stops_the_server_and_the_open_sessions(tmp_path):
    served = start_server(tmp_path)
    try:
        import aiohttp

        async def hold_session_then_interrupt() -> None:
            async with aiohttp.ClientSession() as client:
                async with client.ws_connect(
                    served.url.replace("http", "ws") + "/ws",
                    headers={"Origin": served.url},
                ) as ws:
                    first = await ws.receive(timeout=10)
                    assert first.type == aiohttp.WSMsgType.BINARY
                    assert app_processes(served), "no app process for the open tab"
                    served.proc.send_signal(signal.SIGINT)
                    # The tab is told the session is over.
                    while (await ws.receive(timeout=10)).type in (
                        aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT
                    ):
                        pass

        asyncio.run(asyncio.wait_for(hold_session_then_interrupt(), START_SECONDS + STOP_SECONDS))
        code = served.proc.wait(STOP_SECONDS)
    finally:
        served.stop()
    output = served.output()
    assert code in (0, 130), output
    assert "Traceback" not in output
    assert "Stopped" in output
    deadline = time.monotonic() + 5
    while app_processes(served) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert app_processes(served) == []


def test_a_port_in_use_is_a_clear_message(tmp_path):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "ipt_roleplay", "serve", "--port", str(port)],
            env={**os.environ, HOME_ENV: str(tmp_path)}, capture_output=True, text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert f"port {port} is already in use" in result.stderr
    assert "--port" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


# --- the command line, without serving ---------------------------------------------------


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "127.8.9.10", "localhost", "LOCALHOST", "::1", "[::1]", "app.localhost"]
)
def test_loopback_hosts(host):
    assert serve.is_loopback(host)
    assert serve.check_host(host, public=False) is None


@pytest.mark.parametrize(
    "host", ["0.0.0.0", "::", "", "192.168.1.20", "10.0.0.1", "example.com", "128.0.0.1",
             "localhost.example.com", "::ffff:10.0.0.1"]
)
def test_other_hosts_are_refused_without_public(host, capsys, monkeypatch):
    monkeypatch.setattr(serve, "run_server", _must_not_serve)
    assert not serve.is_loopback(host)
    assert main(["serve", "--host", host]) == 2
    err = capsys.readouterr().err
    assert "--public" in err and "no sign-in" in err
    assert "Traceback" not in err


def _must_not_serve(*args, **kwargs):
    raise AssertionError("the server must not start")


def test_public_serves_with_a_warning(capsys, monkeypatch):
    calls = []
    monkeypatch.setattr(serve, "run_server", lambda *args: calls.append(args) or 0)
    assert main(["serve", "--host", "0.0.0.0", "--port", "8123", "--public"]) == 0
    assert calls == [("0.0.0.0", 8123, [], True)]
    err = capsys.readouterr().err
    assert "no password or sign-in" in err
    assert "Anyone who can reach this address can use the app and see the practice history" in err


def test_loopback_needs_no_public_and_gives_no_warning(capsys, monkeypatch):
    calls = []
    monkeypatch.setattr(serve, "run_server", lambda *args: calls.append(args) or 0)
    assert main(["serve"]) == 0
    assert calls == [("127.0.0.1", 8000, [], False)]
    assert "Warning" not in capsys.readouterr().err


def test_a_missing_scenarios_folder_is_a_clear_message(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(serve, "run_server", _must_not_serve)
    assert main(["serve", "--scenarios", str(tmp_path / "nowhere")]) == 2
    assert "there is no folder there" in capsys.readouterr().err


@pytest.mark.parametrize("port", ["0", "70000", "eighty"])
def test_a_bad_port_is_refused_by_the_parser(port, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["serve", "--port", port])
    assert stopped.value.code == 2
    assert "port" in capsys.readouterr().err


def test_without_textual_serve_it_says_how_to_install(capsys, monkeypatch):
    import ipt_roleplay

    monkeypatch.delattr(ipt_roleplay, "serve")
    monkeypatch.delitem(sys.modules, "ipt_roleplay.serve")
    monkeypatch.setitem(sys.modules, "textual_serve", None)
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert "pip install 'ipt-roleplay[serve]'" in err
    assert "Traceback" not in err


def test_each_tab_runs_the_terminal_app_with_the_same_folders(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine").mkdir()
    argv = serve.app_argv(["mine"])
    assert argv == [sys.executable, "-P", "-m", "ipt_roleplay", "--scenarios", str(tmp_path / "mine")]
    # ...and the app's own command line reads it as its folder list.
    args = build_parser(_command_modules()).parse_args(argv[4:])
    assert args.command is None and args.scenarios == [str(tmp_path / "mine")]


def test_each_tab_gets_the_same_home(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(HOME_ENV, "relative-home")
    serve.pin_home()
    assert os.environ[HOME_ENV] == str(tmp_path / "relative-home")

    async def environment() -> dict[str, str]:
        service = serve.RoleplayAppService(
            ["true"], write_bytes=None, write_str=None, close=None, download_manager=None
        )
        return service._build_environment(100, 30)

    env = asyncio.run(environment())
    assert env[HOME_ENV] == str(tmp_path / "relative-home")
    assert env["TEXTUAL_DRIVER"] == "textual.drivers.web_driver:WebDriver"


def test_app_errors_reach_the_terminal_without_a_traceback(monkeypatch):
    monkeypatch.delenv("IPT_ROLEPLAY_DEBUG", raising=False)
    shown = serve._app_errors('Traceback (most recent call last):\n  File "x.py"\nKeyError: 1\n')
    assert "Traceback" not in shown and "IPT_ROLEPLAY_DEBUG=1" in shown
    assert serve._app_errors("ipt-roleplay: --scenarios x: there is no folder there\n") == (
        "ipt-roleplay: --scenarios x: there is no folder there"
    )


# --- in a real browser -------------------------------------------------------------------

CHROMIUM = next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
)
CHROMEDRIVER = shutil.which("chromedriver")

# Runs before the page's scripts: keeps the xterm.js Terminal that textual.js creates
# (it assigns `this.terminal = new Terminal(...)`), so the test can read its text buffer.
KEEP_TERMINAL = """
window.__terminals = [];
Object.defineProperty(Object.prototype, 'terminal', {
  configurable: true,
  set(value) {
    Object.defineProperty(this, 'terminal', {value, writable: true, configurable: true, enumerable: true});
    if (value && value.buffer) window.__terminals.push(value);
  },
});
"""
READ_SCREEN = """
const term = window.__terminals[0];
if (!term) return null;
const buffer = term.buffer.active, rows = [];
for (let i = 0; i < term.rows; i++) {
  const line = buffer.getLine(buffer.viewportY + i);
  rows.push(line ? line.translateToString(true) : '');
}
return rows.join('\\n');
"""


def first_bundled():
    from ipt_roleplay.engine.session import Session
    from ipt_roleplay.catalog import bundled_entries

    entries = bundled_entries()
    assert entries and all(e.ok for e in entries), "the bundled scenarios should all load"
    return entries, Session(entries[0].scenario)


@pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="Chromium and chromedriver are not installed "
    "(apt-get install chromium chromium-driver; CI installs them)",
)
def open_chromium(tmp_path: Path, window: str = "1280,1600"):
    """Headless Chromium through its installed driver, keeping each page's terminal
    where READ_SCREEN can read it."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--force-device-scale-factor=1", f"--window-size={window}",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # A driver path skips Selenium Manager, which would otherwise look things up online.
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(10)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": KEEP_TERMINAL})
    return driver


def terminal_keys(driver, deadline: float, shot: Path, log: Callable[[], str]):
    """``screen_shows(*wanted)`` (waits until the app's screen shows every piece) and
    ``press(key)`` (a key to the app), for a page showing the app."""
    from selenium.webdriver.common.action_chains import ActionChains

    def screen_shows(*wanted: str) -> str:
        text = ""
        while time.monotonic() < deadline:
            text = plain(driver.execute_script(READ_SCREEN) or "")
            if all(w in text for w in wanted):
                return text
            time.sleep(0.2)
        driver.save_screenshot(str(shot))
        missing = [w for w in wanted if w not in text]
        pytest.fail(f"the page never showed {missing}; it showed:\n{text}\n\n{log()}")

    def press(key: str) -> None:
        driver.execute_script("document.querySelector('.xterm-helper-textarea').focus()")
        ActionChains(driver).send_keys(key).perform()

    return screen_shows, press


def play_first_reply(screen_shows, press, title: str, first_reply: str) -> None:
    """From the list of conversations: start the first one and give its first reply."""
    from selenium.webdriver.common.keys import Keys

    screen_shows("Choose a conversation to practise", title)
    press(Keys.ENTER)
    screen_shows("Who is in the conversation", title)
    press(Keys.ENTER)
    screen_shows("How are you feeling right now?")  # the mood question; Esc skips it
    press(Keys.ESCAPE)
    screen_shows(f"1. {first_reply}")
    press("1")
    screen_shows("Feedback on your reply", f"You: {first_reply}")


def test_in_a_real_browser(server, tmp_path):
    entries, session = first_bundled()
    titles = [e.title for e in entries] + [OWN_TITLE, EXTRA_TITLE]
    first_reply = session.options()[0].reply
    deadline = time.monotonic() + BROWSER_SECONDS

    driver = open_chromium(tmp_path)
    try:
        screen_shows, press = terminal_keys(driver, deadline, tmp_path / "failed.png", server.output)

        # A tall page with small type, so every scenario on the list fits on the screen.
        driver.get(server.url + "/?fontsize=10")
        screen_shows("Choose a conversation to practise", *titles)

        # A second visit at an everyday size: a new session; start the first scenario.
        driver.set_window_size(1280, 800)
        driver.get(server.url + "/")
        play_first_reply(screen_shows, press, entries[0].title, first_reply)

        shot = tmp_path / "serve-screenshot.png"
        assert driver.save_screenshot(str(shot))
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        if target := os.environ.get("IPT_ROLEPLAY_SAVE_SCREENSHOT"):
            shutil.copyfile(shot, target)  # how docs/serve-screenshot.png is made

        # Everything the page needed came from this server; nothing was refused or missing.
        problems = [
            entry["message"] for entry in driver.get_log("browser")
            if entry["level"] == "SEVERE" or "Content Security Policy" in entry["message"]
        ]
        assert problems == []
    finally:
        driver.quit()
    assert "Traceback" not in server.output()
