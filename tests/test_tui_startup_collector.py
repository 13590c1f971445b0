"""The cyclic collector rests from the app's start to its first conversation's first
frame (or REST_SECONDS, or the app closing), and then works as before."""

from __future__ import annotations

import gc

import pytest
from tui_helpers import LIBRARY, make_app, private_home, run_async, settle  # noqa: F401

from ipt_roleplay.store.scenario_cache import cached_check
from ipt_roleplay.tui import startup
from ipt_roleplay.tui.screens.intro import IntroScreen
from ipt_roleplay.tui.screens.play import PlayScreen

OPEN = LIBRARY / "late-dinner.yaml"


@pytest.fixture(autouse=True)
def collector_restored():
    collecting = gc.isenabled()
    yield
    if collecting:
        gc.enable()
    else:
        gc.disable()


def test_the_rest_ends_once_with_a_pass(monkeypatch):
    gc.enable()
    passes = []
    monkeypatch.setattr(startup, "collect_between_frames", lambda: passes.append(gc.isenabled()))
    end = startup.rest_collector()
    assert not gc.isenabled()
    end()
    assert gc.isenabled() and passes == [True]
    gc.disable()  # someone else's pause, later: an old end leaves it alone
    end()
    assert not gc.isenabled() and passes == [True]


def test_a_collector_already_off_stays_off():
    gc.disable()
    end = startup.rest_collector()
    end()
    assert not gc.isenabled()


def test_reading_a_cached_scenario_leaves_a_paused_collector_paused():
    cached_check(OPEN)  # the first read fills the cache; the second is a hit
    gc.disable()
    assert cached_check(OPEN).ok
    assert not gc.isenabled()
    gc.enable()
    assert cached_check(OPEN).ok
    assert gc.isenabled()


@pytest.fixture
def long_rest(monkeypatch):
    """A rest that no slow machine outlasts: only the app's own moments end it."""
    monkeypatch.setattr("ipt_roleplay.tui.app.REST_SECONDS", 600)


@run_async
async def test_the_collector_rests_until_the_conversation_is_drawn(long_rest):
    gc.enable()
    app = make_app(open_file=OPEN)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, IntroScreen)
        assert not gc.isenabled()  # the intro drawn, the file read: still resting
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        await pilot.pause()
        assert gc.isenabled()  # its first frame is drawn
    assert gc.isenabled()


@run_async
async def test_the_rest_ends_after_a_moment_whatever_the_person_does(monkeypatch):
    monkeypatch.setattr("ipt_roleplay.tui.app.REST_SECONDS", 0.05)
    gc.enable()
    app = make_app(LIBRARY)  # the list, and no conversation
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.pause(0.2)
        assert gc.isenabled()


@run_async
async def test_an_app_closed_during_its_rest_leaves_the_collector_on(long_rest):
    gc.enable()
    app = make_app(open_file=OPEN)
    async with app.run_test(size=(100, 30)):
        assert not gc.isenabled()
    assert gc.isenabled()
