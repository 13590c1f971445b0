"""Shared by the app tests: an app on the fixture scenarios, and the screen as text."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "tui"
LIBRARY = FIXTURES / "library"  # late-dinner.yaml: small, stable, every feature the app shows
BROKEN = FIXTURES / "broken"
MARKUP = FIXTURES / "markup"  # every text field looks like Textual markup


@pytest.fixture(autouse=True)
def private_home(tmp_path, monkeypatch):
    """Keep the person's real scenario folder (and history) out of every app test."""
    monkeypatch.setenv("IPT_ROLEPLAY_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def run_async(test):
    """Run an async test on a fresh event loop (no pytest async plugin is installed)."""

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return wrapper


def make_app(*folders: Path, feedback: str = "each", open_file: Path | None = None, mood: bool = False, **kwargs):
    from ipt_roleplay.tui.app import RoleplayApp

    # The bundled scenarios keep changing; tests see only the fixtures. The mood
    # questions are off unless a test is about them (as `--no-mood` would do).
    return RoleplayApp(
        scenario_dirs=folders, feedback=feedback, open_file=open_file, include_bundled=False, mood=mood, **kwargs
    )


def pretend_served(monkeypatch, served: bool = True) -> None:
    """Every app made from now on believes it runs in a browser (or, False, in a terminal)."""
    from ipt_roleplay.tui.app import RoleplayApp

    monkeypatch.setattr(RoleplayApp, "is_web", property(lambda self: served))


async def settle(pilot) -> None:
    """Wait for the scenario list to load and the screen to catch up."""
    from ipt_roleplay.tui.screens.picker import PickerScreen

    picker = pilot.app.screen_stack[0]
    # Opened on a file, the bottom screen is its intro and there is no list to wait for.
    waits = 1000 if isinstance(picker, PickerScreen) else 0
    for _ in range(waits):  # the scan starts after the first paint and runs in a thread
        scan = getattr(picker, "_scan", None)
        if scan is not None and not scan.is_alive():
            break
        await asyncio.sleep(0.01)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def screen_text(app) -> str:
    """What is drawn on the terminal right now, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def drawn(app) -> list[list[tuple[str, object, object]]]:
    """The whole screen, segment by segment: text, style (without the mouse's actions,
    which name the app's own objects) and which reply a cell belongs to."""
    return [
        [
            (segment.text, segment.style.clear_meta_and_links() if segment.style else None,
             segment.style.meta.get("option") if segment.style else None)
            for segment in strip
        ]
        for strip in app.screen._compositor.render_strips()
    ]


def select_entry(app, name: str) -> int:
    """The option index in the picker of the scenario whose file is ``name``."""
    options = app.screen.query_one("#scenarios")
    for index, option in enumerate(options.options):
        if option.id and option.id.endswith(name):
            return index
    raise AssertionError(f"{name} is not listed")


async def open_late_dinner(pilot, app) -> None:
    """From the list to the late dinner's intro."""
    from ipt_roleplay.tui.screens.intro import IntroScreen

    await settle(pilot)
    app.screen.query_one("#scenarios").highlighted = select_entry(app, "late-dinner.yaml")
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, IntroScreen)


async def start_late_dinner(pilot, app) -> None:
    """From the list to the late dinner's first line."""
    from ipt_roleplay.tui.screens.play import PlayScreen

    await open_late_dinner(pilot, app)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, PlayScreen)
