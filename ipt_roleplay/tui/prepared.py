"""Text drawn ahead: `Content` whose lines, once drawn for a widget, are kept.

Textual draws a Static's text again (wrapping it word by word and styling each span)
every time the widget is drawn, and measures its height with a wrap of its own. Text
that is known before it is shown (the feedback on each reply offered) can be measured
and drawn while the person reads, so that showing it costs nothing but the lookup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.geometry import Size
from textual.visual import Visual

if TYPE_CHECKING:
    from textual.content import Content
    from textual.css.styles import RulesMap
    from textual.strip import Strip
    from textual.style import Style
    from textual.visual import RenderOptions
    from textual.widget import Widget


def _rows_key(widget: Widget, size: Size) -> tuple:
    """What a Static's drawing of its visual depends on besides the visual itself (as
    Textual's Visual.to_strips reads it)."""
    return (size, widget.visual_style, widget.auto_links and widget.link_style, widget.styles.content_align)


class Prepared(Visual):
    """A Content, drawn as a Content is, keeping its last drawing (one width and style)."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self._drawn: tuple[tuple[int, int | None, Style], list[Strip]] | None = None
        self._rows: tuple[tuple, list[Strip]] | None = None  # see prepare

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        if options.selection is not None:  # text selected with the mouse: drawn as it is now
            return self.content.render_strips(width, height, style, options)
        key = (width, height, style)
        if self._drawn is None or self._drawn[0] != key:
            self._drawn = (key, self.content.render_strips(width, height, style, options))
        return self._drawn[1]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.content.get_optimal_width(rules, container_width)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return self.content.get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.content.get_height(rules, width)  # kept by the Content itself

    def prepare(self, widget: Widget, width: int) -> list[Strip]:
        """Measure and draw now, as `widget` (a height-auto Static) will at ``width``:
        the rows it will show, kept for `rows_for`."""
        if width <= 0:
            return []
        height = self.get_height(widget.styles, width)
        rows = Visual.to_strips(widget, self, width, height, widget.visual_style)
        self._rows = (_rows_key(widget, Size(width, height)), rows)
        return rows

    def rows_for(self, widget: Widget) -> list[Strip] | None:
        """The rows `prepare` drew, if `widget` would draw exactly those now (the same
        size, style, link style and alignment, no text selected): else None."""
        if self._rows is None or widget.text_selection is not None or getattr(widget.screen, "_selecting", True):
            return None
        key, rows = self._rows
        return rows if key == _rows_key(widget, widget.size) else None

    def __str__(self) -> str:
        return str(self.content)
