"""Meters as labelled text bars: the number and range are always written out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from textual.content import Content
from textual.strip import Strip
from textual.widgets import Static

from ipt_roleplay.scenario.model import Meter
from ipt_roleplay.tui import text
from ipt_roleplay.tui.prepared import Prepared
from ipt_roleplay.tui.styled_lines import StyledLines, rows_from

if TYPE_CHECKING:
    from textual.geometry import Region


class Meters(Static):
    def __init__(self, meters: Mapping[str, Meter], values: Mapping[str, int], id: str | None = None) -> None:
        super().__init__(id=id)
        self.meters = dict(meters)
        self.display = bool(self.meters)
        self._shown: tuple[int, ...] | None = None
        # The meters as each reply offered now would leave them, drawn ahead (see prepare).
        self._ready: dict[tuple[int, ...], Prepared] = {}
        self._styled = StyledLines()  # rows as finished for the screen, by line
        self.show_values(values)

    def _values(self, values: Mapping[str, int]) -> tuple[int, ...]:
        return tuple(values.get(name, m.start) for name, m in self.meters.items())

    def _content(self, shown: tuple[int, ...]) -> Content:
        return Content("\n").join(
            text.meter(m.label, value, m.min, m.max, m.good) for m, value in zip(self.meters.values(), shown)
        )

    def show_values(self, values: Mapping[str, int]) -> None:
        shown = self._values(values)
        if shown == self._shown:
            return  # unchanged: not drawn again (a reply with no effect on a meter)
        self._shown = shown
        ready = self._ready.get(shown)
        self.update(ready if ready is not None else self._content(shown))

    def prepare(self, upcoming: Iterable[Mapping[str, int]]) -> None:
        """Measure and draw now, while the person reads, the meters as they would be
        after each reply offered, so that a reply only shows them."""
        if not self.meters:
            return
        width = self.content_region.width
        ready = {}
        rows: list[Strip] = []
        for values in upcoming:
            shown = self._values(values)
            if shown not in ready:
                ready[shown] = self._ready.get(shown) or Prepared(self._content(shown))
                rows += ready[shown].prepare(self, width)
        self._ready = ready
        self._styled.finish_ahead(self, rows, self.visual_style)  # and finished as shown

    # --- drawing -----------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        # The rows drawn ahead (see prepare) are shown as they are, and finished once.
        shown = self.visual
        rows = shown.rows_for(self) if isinstance(shown, Prepared) else None
        strips = None if rows is None else self._styled.render_lines(self, crop, rows_from(rows, 0), self.visual_style)
        return super().render_lines(crop) if strips is None else strips

    def draw_row(self, line: Strip | None) -> Strip:
        """A row showing ``line`` (None: below the text), as Static's render_line draws it."""
        return Strip.blank(self.size.width, self.visual_style.rich_style) if line is None else line
