"""Meters as labelled text bars: the number and range are always written out."""

from __future__ import annotations

from collections.abc import Mapping

from textual.content import Content
from textual.widgets import Static

from ipt_roleplay.scenario.model import Meter
from ipt_roleplay.tui import text


class Meters(Static):
    def __init__(self, meters: Mapping[str, Meter], values: Mapping[str, int], id: str | None = None) -> None:
        super().__init__(id=id)
        self.meters = dict(meters)
        self.display = bool(self.meters)
        self._shown: dict[str, int] | None = None
        self.show_values(values)

    def show_values(self, values: Mapping[str, int]) -> None:
        shown = {name: values.get(name, m.start) for name, m in self.meters.items()}
        if shown == self._shown:
            return  # unchanged: not drawn again (a reply with no effect on a meter)
        self._shown = shown
        self.update(
            Content("\n").join(
                text.meter(m.label, values.get(name, m.start), m.min, m.max, m.good)
                for name, m in self.meters.items()
            )
        )
