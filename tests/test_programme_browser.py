"""`serve --programme` in a real browser: headless Chromium signs in and plays one reply,
against the PostgreSQL store, and the reply is recorded as that person's practice only.

Skips only when Chromium or chromedriver is not installed (CI installs both).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from test_serve import (
    BROWSER_SECONDS,
    CHROMEDRIVER,
    CHROMIUM,
    START_SECONDS,
    STOP_SECONDS,
    _die_with_parent,
    first_bundled,
    free_port,
    open_chromium,
    play_first_reply,
    terminal_keys,
)

from ipt_roleplay.programme.accounts import Accounts
from ipt_roleplay.store.backends import DATABASE_ENV
from ipt_roleplay.store.history import History
from ipt_roleplay.store.paths import HOME_ENV

PASSWORD = "a long practice password"


def page_shows(driver, selector: str, text: str, deadline: float) -> None:
    """Waits until the element ``selector`` holds ``text``: a form's click returns before
    the answer's page has loaded, and sign-in answers take a deliberate while."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def shows(d) -> bool:
        return any(text in found.text for found in d.find_elements(By.CSS_SELECTOR, selector))

    # An element found on the page being left goes stale as the answer arrives: look again.
    WebDriverWait(
        driver, max(deadline - time.monotonic(), 1), ignored_exceptions=(StaleElementReferenceException,)
    ).until(
        shows, f"the page never showed {text!r} in {selector}"
    )


def start_programme(tmp_path: Path, database: str) -> tuple[subprocess.Popen, str, Path]:
    env = {**os.environ, HOME_ENV: str(tmp_path / "home"), DATABASE_ENV: database}
    env.pop("IPT_ROLEPLAY_DEBUG", None)
    port = free_port()
    log = tmp_path / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "ipt_roleplay", "serve", "--programme", "--port", str(port)],
            cwd=tmp_path, env=env, stdin=subprocess.DEVNULL, stdout=out,
            stderr=subprocess.STDOUT, preexec_fn=_die_with_parent,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(url + "/sign-in", timeout=2) as response:
                if response.status == 200:
                    return proc, url, log
        except OSError:
            time.sleep(0.1)
    proc.kill()
    pytest.fail(f"the programme server did not start:\n{log.read_text(errors='replace')}")


@pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="Chromium and chromedriver are not installed "
    "(apt-get install chromium chromium-driver; CI installs them)",
)
def test_sign_in_and_play_one_reply_in_a_real_browser(pg_url, tmp_path):
    from selenium.webdriver.common.by import By

    with Accounts.open(pg_url) as accounts:
        accounts.add("ana", "trainee", PASSWORD)
    entries, session = first_bundled()
    first_reply = session.options()[0].reply
    proc, url, log = start_programme(tmp_path, pg_url)
    deadline = time.monotonic() + BROWSER_SECONDS

    driver = open_chromium(tmp_path, window="1280,800")
    try:
        screen_shows, press = terminal_keys(
            driver, deadline, tmp_path / "failed.png", lambda: log.read_text(errors="replace")
        )

        driver.get(url + "/play")  # not signed in: the sign-in page, and no app
        assert driver.current_url == url + "/sign-in" and "Sign in" in driver.title
        driver.find_element(By.ID, "name").send_keys("ana")
        driver.find_element(By.ID, "password").send_keys("the wrong password")
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        page_shows(driver, ".problem", "do not match", deadline)
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        page_shows(driver, "body", "Signed in as ana (trainee)", deadline)
        cookie = driver.get_cookie("ipt_session")
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and "expiry" in cookie

        driver.find_element(By.LINK_TEXT, "Start practising").click()
        play_first_reply(screen_shows, press, entries[0].title, first_reply)

        problems = [
            entry["message"] for entry in driver.get_log("browser")
            if entry["level"] == "SEVERE" or "Content Security Policy" in entry["message"]
        ]
        # The wrong password's 401 is the one expected console message.
        assert [p for p in problems if "401" not in p] == []
    finally:
        driver.quit()
        proc.send_signal(2)
        try:
            proc.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            proc.kill()
    assert "Traceback" not in log.read_text(errors="replace")
    # The reply is ana's practice, in PostgreSQL, and no one else's.
    with History.open(pg_url, owner="ana") as ana:
        [record] = ana.sessions()
        assert [t.reply for t in ana.turns(record.id)] == [first_reply]
    with History.open(pg_url) as nobody:
        assert nobody.sessions() == []
