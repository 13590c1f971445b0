"""The scenario list: what there is to practise, filtered by problem area and role."""

from __future__ import annotations

from typing import TYPE_CHECKING

import threading

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from ipt_roleplay.tui import text
from ipt_roleplay.tui.screens import LIST_CLASS, StyledOnMount

if TYPE_CHECKING:
    from ipt_roleplay.scenario.library import Entry

ALL = "all"
AREA_CHOICES = (
    ("All", ALL),
    ("Grief", "grief"),
    ("Role dispute", "role_dispute"),
    ("Role transition", "role_transition"),
    ("Interpersonal deficits", "interpersonal_deficits"),
)
ROLE_CHOICES = (
    ("Either role", ALL),
    ("The client", "client"),
    ("The therapist", "therapist"),
)


def filters_line(area: str, role: str) -> Content:
    """The filters as one line of text: what is chosen, and the key that changes it."""
    area_label = dict((v, k) for k, v in AREA_CHOICES)[area]
    role_label = dict((v, k) for k, v in ROLE_CHOICES)[role]
    return Content.assemble(
        ("Problem area: ", "bold"), area_label, (" (a)", "$foreground-muted"),
        "    ",
        ("You play: ", "bold"), role_label, (" (r)", "$foreground-muted"),
    )


def entry_prompt(entry: Entry, width: int = 0) -> Content:
    """Two or three lines per scenario: title, what it is, and its content notes.

    Lines after the title are indented, and wrapped by hand to ``width`` (when known)
    so that their continuation lines keep the indent."""
    from ipt_roleplay.scenario.library import ORIGIN_LABELS, PROBLEM_AREA_LABELS, ROLE_LABELS, length_label

    indent = Content("  ")
    if entry.scenario is None:
        return Content.assemble(
            ("⚠ Could not load: ", "bold $error"),
            (entry.name, "bold"),
            "\n",
            text.hanging(indent, Content(entry.first_error or ""), width),
        )
    s = entry.scenario
    facts = [
        PROBLEM_AREA_LABELS.get(s.problem_area, s.problem_area),
        f"you play {ROLE_LABELS.get(s.learner_role, s.learner_role)}",
        length_label(entry),
    ]
    if entry.origin != "bundled":
        facts.append(ORIGIN_LABELS[entry.origin])
    parts: list[str | Content | tuple[str, str]] = [
        (s.title, "bold"),
        "\n",
        text.hanging(indent, Content(" · ".join(facts)), width),
    ]
    if s.content_notes:
        notes = Content.assemble(("Content notes: ", "italic"), ", ".join(s.content_notes))
        parts += ["\n", text.hanging(indent, notes, width)]
    return Content.assemble(*parts)


class PickerScreen(StyledOnMount, Screen):
    BINDINGS = [
        Binding("a", "cycle_area", "Problem area", id="picker-area",
                tooltip="Show only one problem area; press again for the next."),
        Binding("r", "cycle_role", "Role", id="picker-role",
                tooltip="Show only scenarios where you play the client, or the therapist."),
        Binding("h", "app.show_progress", "Your practice", id="picker-progress",
                tooltip="Every conversation you have played, how it went, and the patterns in your replies."),
        Binding("ctrl+r", "reload", "Reload list", id="picker-reload", show=False,
                tooltip="Read the scenario folders again, after editing a file."),
        Binding("q", "app.quit", "Quit", id="picker-quit",
                tooltip="Close ipt-roleplay."),
    ]
    AUTO_FOCUS = "#scenarios"

    def __init__(self) -> None:
        super().__init__(classes=LIST_CLASS)
        self.entries: list[Entry] = []
        self._by_key: dict[str, Entry] = {}
        self.area = ALL
        self.role = ALL
        # Set when loading was asked for before the list was built (another screen came
        # first): it happens when this screen is shown.
        self._pending: str | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="title-bar"):
            yield Label("Choose a conversation to practise", id="title")
            yield Label("", id="count")
        yield Static(filters_line(self.area, self.role), id="filters")
        yield OptionList(id="scenarios", markup=False)
        yield Static("", id="detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        # Paint the screen (with its loading indicator) before the scan starts competing for the CPU.
        self.call_after_refresh(self.action_reload)

    # --- loading ---------------------------------------------------------------------

    def _ready(self) -> bool:
        """True while the list is built and on this screen: not before it has been
        composed (another screen was shown first), nor after the screen has gone."""
        return bool(self.query("#scenarios"))

    def on_screen_resume(self) -> None:
        pending, self._pending = self._pending, None
        if pending == "reload":
            self.call_after_refresh(self.action_reload)
        elif pending == "show":
            self.call_after_refresh(self._loaded, self.entries)

    def action_reload(self) -> None:
        if not self._ready():
            self._pending = "reload"
            return
        self.query_one("#scenarios", OptionList).loading = True
        self.query_one("#detail", Static).update("Loading scenarios…")
        self._load()

    def _load(self) -> None:
        # Checking every file can take a moment; a thread keeps the screen responsive
        # and the loading indicator moving meanwhile. A daemon thread rather than a
        # worker, so quitting never waits for a scan nobody will see.
        app = self.app
        folders, bundled = list(app.scenario_dirs), app.include_bundled  # type: ignore[attr-defined]

        def scan() -> None:
            from ipt_roleplay.catalog import discover

            entries = discover(folders, bundled=bundled)
            try:
                app.call_from_thread(self._loaded, entries)
            except RuntimeError:  # the app closed while the scan ran
                pass

        self._scan = threading.Thread(target=scan, name="scenario-scan", daemon=True)
        self._scan.start()

    def _loaded(self, entries: list[Entry]) -> None:
        self.entries = entries
        self._by_key = {e.key: e for e in entries}
        if not self._ready():
            self._pending = "show"
            return
        self.query_one("#scenarios", OptionList).loading = False
        # The list has no size while the loading indicator covers it; wait for layout.
        self.call_after_refresh(self._show)

    # --- filtering -------------------------------------------------------------------

    def _filters(self) -> tuple[str | None, str | None]:
        return (None if self.area == ALL else self.area), (None if self.role == ALL else self.role)

    def _show(self) -> None:
        from ipt_roleplay.scenario.library import filter_entries

        if not self._ready():
            return
        area, role = self._filters()
        shown = filter_entries(self.entries, problem_area=area, role=role)
        options = self.query_one("#scenarios", OptionList)
        previous = options.highlighted_option.id if options.highlighted_option else None
        width = text.wrap_width(options)
        items: list[Option | None] = []
        for entry in shown:
            if items:
                items.append(None)  # a blank separator line between scenarios
            items.append(Option(entry_prompt(entry, width), id=entry.key))
        options.set_options(items)
        keys = [e.key for e in shown]
        if previous in keys:
            options.highlighted = options.get_option_index(previous)
        elif keys:
            options.highlighted = 0
        broken = sum(1 for e in self.entries if not e.ok)
        count = f"{len(shown)} of {len(self.entries)}"
        if broken:
            count += f" · {broken} with problems"
        self.query_one("#count", Label).update(count)
        if not shown:
            self.query_one("#detail", Static).update(
                "No scenarios match these filters. Press a or r to change them."
                if self.entries
                else "No scenario files found. Add .yaml files to your scenario folder "
                "or pass --scenarios DIR."
            )
        else:
            self._describe(options.highlighted_option)

    def _describe(self, option: Option | None) -> None:
        detail = self.query_one("#detail", Static)
        entry = self._by_key.get(option.id) if option and option.id else None
        if entry is None:
            detail.update("")
        elif entry.scenario is None:
            detail.update(
                Content.assemble(
                    "This file has problems to fix before it can be played. "
                    "Press Enter to see them. ",
                    ("Path: ", "bold"),
                    str(entry.path or entry.name),
                )
            )
        else:
            detail.update(text.literal(entry.scenario.summary))

    def on_resize(self) -> None:
        # Rows are wrapped by hand for their indent, so wrap them again at the new width.
        if self.entries:
            self.call_after_refresh(self._show)

    @staticmethod
    def _next(value: str, choices: tuple[tuple[str, str], ...]) -> str:
        values = [v for _, v in choices]
        return values[(values.index(value) + 1) % len(values)]

    def _filters_changed(self) -> None:
        self.query_one("#filters", Static).update(filters_line(self.area, self.role))
        if self.entries:
            self._show()

    def action_cycle_area(self) -> None:
        self.area = self._next(self.area, AREA_CHOICES)
        self._filters_changed()

    def action_cycle_role(self) -> None:
        self.role = self._next(self.role, ROLE_CHOICES)
        self._filters_changed()

    # --- choosing --------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#scenarios")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._describe(event.option)

    @on(OptionList.OptionSelected, "#scenarios")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        entry = self._by_key.get(event.option.id or "")
        if entry is not None:
            self.app.open_entry(entry)  # type: ignore[attr-defined]


class ProblemsScreen(ModalScreen[None]):
    """Every error in a scenario file that cannot be played, exactly as the checker wrote it."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="problems-close",
                tooltip="Back to the scenario list."),
        Binding("enter", "dismiss", "Close", id="problems-close-enter", show=False,
                tooltip="Back to the scenario list."),
    ]

    def __init__(self, entry: Entry) -> None:
        super().__init__(classes="dialog")
        self.entry = entry

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="problems", classes="dialog-body"):
            yield Static(
                Content.assemble(("⚠ This file can't be played yet: ", "bold"), self.entry.name),
                classes="dialog-title",
            )
            for problem in self.entry.problems:
                yield Static(Content(str(problem)), classes="problem")
            yield Static(
                "Fix these in the file, then press Ctrl+R in the list to read it again. "
                "`ipt-roleplay validate FILE` lists every problem with hints.",
                markup=False,
                classes="dim",
            )
        yield Footer()
