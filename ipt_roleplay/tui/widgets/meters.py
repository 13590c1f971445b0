"""Meters as labelled text bars: the number and range are always written out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.content import Content
from textual.widgets import Static

from ipt_roleplay.scenario.model import Meter
from ipt_roleplay.tui import text
from ipt_roleplay.tui.prepared import Prepared


class Meters(Static):
    def __init__(self, meters: Mapping[str, Meter], values: Mapping[str, int], id: str | None = None) -> None:
        super().__init__(id=id)
        self.meters = dict(meters)
        self.display = bool(self.meters)
        self._shown: tuple[int, ...] | None = None
        # The meters as each reply offered now would leave them, drawn ahead (see prepare).
        self._ready: dict[tuple[int, ...], Prepared] = {}
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
        for values in upcoming:
            shown = self._values(values)
            if shown not in ready:
                ready[shown] = self._ready.get(shown) or Prepared(self._content(shown))
                ready[shown].prepare(self, width)
        self._ready = ready
