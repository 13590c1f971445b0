"""The app: owns the screens and moves between them. The engine owns the conversation."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ipt_roleplay.tui.startup import REST_SECONDS, long_lived_imports, rest_collector

with long_lived_imports():
    from textual import events, work
    from textual.app import App
    from textual.binding import Binding
    from textual.reactive import Reactive
    from textual.screen import Screen
    from textual.theme import Theme
    from textual.worker import Worker, WorkerState

    from ipt_roleplay.tui.lookback import LookBackActions
    from ipt_roleplay.tui.palette import RoleplayCommands
    from ipt_roleplay.tui.practice import AppPractice, PracticeActions
    from ipt_roleplay.tui.screens import LIST_CLASS
    from ipt_roleplay.tui.styles_cache import CachedStylesheet
    from ipt_roleplay.tui.theme import DEFAULT_THEME, THEMES

if TYPE_CHECKING:
    from ipt_roleplay.engine.session import Session
    from ipt_roleplay.scenario.library import Entry
    from ipt_roleplay.scenario.model import Scenario

FEEDBACK_MODES = ("each", "end")


class RoleplayApp(LookBackActions, PracticeActions, App[int]):
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "ipt-roleplay"
    COMMANDS = App.COMMANDS | {RoleplayCommands}
    # Our theme from the very start, as the default rather than set in __init__: setting
    # it there makes Textual parse and apply every stylesheet a second time at start-up.
    theme: Reactive[str] = Reactive(DEFAULT_THEME)
    BINDINGS = [
        Binding(
            "ctrl+q", "quit", "Quit", id="quit", priority=True, show=False,
            tooltip="Close ipt-roleplay.",
        ),
        Binding(
            "question_mark", "help", "Help", id="help",
            tooltip="Every key, what the ratings mean, and where to find support.",
        ),
    ]

    def __init__(
        self,
        scenario_dirs: Iterable[Path | str] = (),
        open_file: Path | str | None = None,
        feedback: str = "each",
        *,
        include_bundled: bool = True,
        watch: bool = False,
        record: bool = True,
        mood: bool = True,
        review: int | None = None,
    ) -> None:
        super().__init__()
        # Parsed styles come from the cache after the first start (see styles_cache).
        self.stylesheet = CachedStylesheet.replacing(self.stylesheet)
        self.scenario_dirs = [Path(d) for d in scenario_dirs]
        self.open_file = Path(open_file) if open_file is not None else None
        self.feedback_mode = feedback if feedback in FEEDBACK_MODES else "each"
        self.include_bundled = include_bundled
        self.watch = watch  # `play FILE --watch`: reload open_file whenever it is saved
        self.live = None  # the LivePreview doing that, once the file is open
        self._opened: Entry | None = None
        # The practice history: every conversation recorded as it is played (unless
        # `play FILE --no-history`; Your practice still shows what was kept before).
        self.practice = AppPractice(self, record=record)
        self.ask_mood = mood  # False with --no-mood (the setting can turn it off too)
        self.review_on_start = review  # `ipt-roleplay review N`: open its look back
        # Ends the collector's rest at start-up (see on_load).
        self.end_start_up: Callable[[], None] = lambda: None

    _themes: dict[str, Theme] | None = None  # available_themes, built once per change

    @property
    def available_themes(self) -> dict[str, Theme]:
        # Ours are there before App.__init__ builds the stylesheet from the default theme
        # (register_theme could only add them afterwards). Kept, not rebuilt: Textual
        # looks the theme up a hundred times a frame (every `$variable` in Content).
        if self._themes is None:
            self._themes = {**super().available_themes, **{theme.name: theme for theme in THEMES}}
        return self._themes

    def register_theme(self, theme: Theme) -> None:
        super().register_theme(theme)
        self._themes = None

    def unregister_theme(self, theme_name: str) -> None:
        super().unregister_theme(theme_name)
        self._themes = None

    def get_default_screen(self) -> Screen:
        # The bottom of the stack. Opened on a file, that is the file's intro (or an empty
        # screen under its problems): the list is built only if the person asks for it,
        # and the scenario appears sooner without a screen drawn before it.
        if self.open_file is None:
            from ipt_roleplay.tui.screens.picker import PickerScreen

            return PickerScreen()
        entry = self.opened()
        if entry.scenario is None:
            return Screen(id="list-not-yet-built")
        from ipt_roleplay.tui.screens.intro import IntroScreen

        return IntroScreen(entry.scenario, entry.path)

    def opened(self) -> Entry:
        """The file the app was opened on, checked once."""
        if self._opened is None:
            from ipt_roleplay.catalog import check_path

            assert self.open_file is not None
            self._opened = check_path(self.open_file, "folder")
        return self._opened

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # In a browser each blink of a text cursor is a frame the server draws and sends;
        # with a programme's worth of people waiting at a question, that keeps a core busy.
        if self.is_web:
            from textual.widgets import Input  # not at start: the first screens have none

            if isinstance(event.widget, Input):
                event.widget.cursor_blink = False

    def on_load(self) -> None:
        # From here (before the first screen is built) to the first conversation's
        # first frame, or a moment later at most: see startup.rest_collector.
        self.end_start_up = rest_collector()

    def on_unmount(self) -> None:
        self.end_start_up()

    def on_mount(self) -> None:
        self.set_timer(REST_SECONDS, self.end_start_up)
        if self.open_file is not None:
            entry = self.opened()
            if entry.scenario is None:
                self.open_entry(entry)  # its problems, and then the list
                return
            if self.watch:
                from ipt_roleplay.tui.live import LivePreview

                self.live = LivePreview(self, self.open_file, entry.scenario)
            # Unfinished practice of this scenario only.
            self.call_after_refresh(self.offer_unfinished, entry.scenario.id)
            return
        if self.review_on_start is not None:
            self.call_after_refresh(self.look_back, self.review_on_start)
            return
        # After the first paint: offer to carry on with unfinished practice, if any.
        self.call_after_refresh(self.offer_unfinished)

    def on_app_focus(self) -> None:
        # In a browser (`ipt-roleplay serve`) the app starts blurred, and Textual skips a
        # screen's AUTO_FOCUS while blurred, so Enter on the list did nothing. Focus now.
        screen = self.screen
        selector = screen.AUTO_FOCUS or self.AUTO_FOCUS
        if screen.focused is None and selector:
            for widget in screen.query(selector):
                if widget.focusable:
                    widget.focus(scroll_visible=False)
                    break

    def _print_error_renderables(self) -> None:
        # No traceback ever reaches a user: the same plain message as the command line
        # gives, unless IPT_ROLEPLAY_DEBUG asks for the details.
        error = self._exception
        if error is None or os.environ.get("IPT_ROLEPLAY_DEBUG"):
            super()._print_error_renderables()
            return
        self._exit_renderables.clear()
        self.error_console.print(
            f"ipt-roleplay: something went wrong ({type(error).__name__}: {error}).\n"
            "Your practice history is safe. Set IPT_ROLEPLAY_DEBUG=1 to see the details.",
            markup=False,
            highlight=False,
        )

    # --- moving between screens ------------------------------------------------------

    def open_entry(self, entry: Entry) -> None:
        """Show what a scenario is about before it starts, or why it cannot be opened."""
        if entry.scenario is None:
            from ipt_roleplay.tui.screens.picker import ProblemsScreen

            # Closing it lands on the list, even when the app was opened on this file.
            self.push_screen(ProblemsScreen(entry), callback=lambda _: self.back_to_picker())
            return
        from ipt_roleplay.tui.screens.intro import IntroScreen

        self.push_screen(IntroScreen(entry.scenario, entry.path))

    def start(self, scenario: Scenario, path: Path | None = None) -> None:
        """Begin a fresh conversation, recorded from its start, replacing the current
        screen. ``path`` is the scenario's file (None for one without a file)."""
        from ipt_roleplay.engine.session import Session

        def begin(mood=None) -> None:
            session = Session(scenario)
            self.practice.begin(session, path, self.feedback_mode)
            self.practice.mood_before = mood  # kept once the session is first written
            self.play(session)

        self.ask_mood_before(begin)

    def play(self, session: Session) -> None:
        """Show the play screen for ``session`` wherever it stands (its history is
        brought up to date first: after a go-back from the summary, say)."""
        from ipt_roleplay.tui.screens.play import PlayScreen

        self.practice.follow(getattr(self.screen, "session", None), session)
        self.practice.sync(session)
        screen = PlayScreen(session, self.feedback_mode)
        if self.on_list() or len(self.screen_stack) == 1:
            self.push_screen(screen)  # carrying on from the list: it stays underneath
        else:
            self.switch_screen(screen)

    def show_summary(self, session: Session) -> None:
        from ipt_roleplay.tui.screens.summary import SummaryScreen

        self.practice.follow(getattr(self.screen, "session", None), session)
        self.practice.sync(session)
        self.switch_screen(SummaryScreen(session))

    def back_to_picker(self) -> None:
        self.practice.leave()
        while len(self.screen_stack) > 1 and not self.on_list():
            self.pop_screen()
        if not self.on_list():  # opened on a file: build it now
            from ipt_roleplay.tui.screens.picker import PickerScreen

            self.push_screen(PickerScreen())

    def on_list(self) -> bool:
        return self.screen.has_class(LIST_CLASS)

    _prewarming: Worker[None] | None = None

    def prewarm(self) -> Worker[None]:
        """Import what playing needs while the person reads the intro, so the first reply
        is as quick as the rest. Done once: the intro and the play screen both ask, and
        each gets the same worker (to wait for, if it needs what it builds)."""
        if self._prewarming is None or self._prewarming.state in (WorkerState.CANCELLED, WorkerState.ERROR):
            self._prewarming = self._prewarm()
        return self._prewarming

    @work(thread=True, group="prewarm")
    def _prewarm(self) -> None:
        from ipt_roleplay.analysis.analyzer import warm_up

        # The lexicon compiled here, off the first reply. Served, many apps start on the
        # same cores at once: the rules a reply needs are compiled when it needs them.
        warm_up(every_rule=not self.is_web)
        import ipt_roleplay.engine.summary  # noqa: F401
        import ipt_roleplay.tui.screens.play  # noqa: F401
        import ipt_roleplay.tui.screens.summary  # noqa: F401

    # --- actions ---------------------------------------------------------------------

    def action_help(self) -> None:
        from ipt_roleplay.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self.push_screen(HelpScreen(self.screen))
