"""A widget's finished lines (padding, background, borders and colour filters applied)
kept per line of its content, not per row of the screen.

Textual finishes each row a widget draws in its style cache (`StylesCache.render_line`,
then the app's colour filters), and keeps the result by screen row. Any full refresh
(the transcript scrolling to a new reply, the feedback panel showing new text) throws
all of them away, so every row in view is finished again: about 0.03 ms a row, most of
the drawing of a reply. A widget that draws its rows from lines it keeps (the
transcript, the feedback panel, the replies list, the meters) can say which kept line
each row shows; then a row whose
line was finished before, in the same frame conditions, is a lookup, wherever it has
moved to. Lines can also be finished ahead, while the person reads (`finish_ahead`).

Each row is still finished by Textual's own `StylesCache.render_line`, so it is exactly
what Textual would draw. A widget with a border title or subtitle, or a clickable link
under the mouse, is drawn by Textual as usual, and so is every widget under a Textual
whose private style-cache parts differ from the ones used here (`FITS`). Kept lines are used only while
everything a row's finish depends on besides its content is unchanged: the widths,
padding, background colours, border, outline, tint, text opacity, hatch, opacity, the
colour filters and the ANSI theme (and what the widget's own drawing of a row depends
on, which it passes in as ``extra``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import TYPE_CHECKING, NamedTuple

from textual._styles_cache import StylesCache
from textual.widget import Widget

if TYPE_CHECKING:
    from rich.terminal_theme import TerminalTheme
    from textual.color import Color
    from textual.filter import LineFilter
    from textual.geometry import Region, Size, Spacing
    from textual.strip import Strip

# The private parts of Textual this module calls, as in Textual 8.2 (the lock pins it):
# under a Textual without them, every widget is drawn the usual way.
_RENDER_LINE_PARAMETERS = (
    "self", "styles", "y", "size", "content_size", "padding", "base_background", "background",
    "render_content_line", "border_title", "border_subtitle", "opacity", "ansi_theme", "native_ansi",
)
_code = getattr(StylesCache.render_line, "__code__", None)
FITS = (
    _code is not None
    and _code.co_varnames[: _code.co_argcount] == _RENDER_LINE_PARAMETERS
    and "_simple_strip" in StylesCache.__init__.__code__.co_names
    and all(name in Widget.__init__.__code__.co_names for name in ("_border_title", "_border_subtitle", "_styles_cache"))
)
del _code

# Kept lines beyond this many (a long transcript scrolled through) are let go at once.
_LIMIT = 2000
_BLANK = object()  # the row's source when the content has ended (drawn blank)


def rows_from(lines: list[Strip], first: int) -> Callable[[int], Strip | None]:
    """The rows of a view showing ``lines`` from index ``first`` on (None below the
    last): a widget's ``source`` for `StyledLines.render_lines`."""
    end = len(lines) - first
    return lambda y: lines[first + y] if y < end else None


class _Frame(NamedTuple):
    """What a row's finish depends on besides its content, as Textual's render_widget
    gathers it (and the widget's own ``extra``)."""

    size: Size
    content_size: Size
    padding: Spacing
    colors: tuple[Color, Color]  # the background beneath the widget, and its own
    border: tuple
    outline: tuple
    tint: Color
    text_opacity: float
    hatch: object
    opacity: float
    ansi_theme: TerminalTheme
    native_ansi: bool
    filters: tuple[LineFilter, ...]
    extra: Hashable

    def same_finish(self) -> tuple:
        """The parts a content row's finish depends on: heights decide only which rows
        are content and which are edges, so a widget that grows or shrinks keeps its lines."""
        return (self.size.width, self.content_size.width, *self[2:])


class StyledLines:
    """Finished lines of one widget, by the content line (a `Strip` it keeps) they show."""

    def __init__(self) -> None:
        self._finish_key: tuple | None = None
        self._kept: dict[int, tuple[object, Strip]] = {}  # by id() of the source, held alive
        self._ahead: dict[int, tuple[object, Strip]] = {}  # finished ahead (finish_ahead)
        self._edges: dict[tuple[str, int], Strip] = {}  # border and padding rows

    def clear(self) -> None:
        """Let every kept row go: what the widget shows is drawn afresh."""
        self._finish_key = None
        self._kept = {}
        self._ahead = {}
        self._edges = {}

    @staticmethod
    def _frame(widget: Widget, extra: Hashable) -> _Frame | None:
        """The frame as it is now, or None when the widget is left to Textual."""
        if not FITS or widget._border_title is not None or widget._border_subtitle is not None:
            return None
        if widget.auto_links:
            hover = widget.hover_style
            if hover._link_id and hover._meta and "@click" in hover.meta:
                return None  # links styled under the mouse: Textual's way
        styles = widget.styles
        app = widget.app
        return _Frame(
            widget.region.size,
            widget.content_region.size,
            styles.padding,
            widget.background_colors,
            styles.border,
            styles.outline,
            styles.tint,
            styles.text_opacity,
            styles.hatch if styles.has_rule("hatch") else None,
            widget.opacity,
            app.ansi_theme,
            app.native_ansi_color,
            tuple(widget.get_line_filters()),
            extra,
        )

    def _begin(self, widget: Widget, extra: Hashable) -> _Frame | None:
        frame = self._frame(widget, extra)
        if frame is None:
            return None
        key = frame.same_finish()
        if self._finish_key != key:
            self.clear()
            self._finish_key = key
        return frame

    @staticmethod
    def _finish(widget: Widget, frame: _Frame, y: int, draw: Callable[[int], Strip]) -> Strip:
        """Row ``y`` finished by Textual's style cache, then the colour filters."""
        base_background, background = frame.colors
        strip = widget._styles_cache.render_line(
            widget.styles,
            y,
            frame.size,
            frame.content_size,
            frame.padding,
            base_background,
            background,
            draw,
            None,
            None,
            frame.opacity,
            frame.ansi_theme,
            frame.native_ansi,
        )
        for line_filter in frame.filters:
            strip = strip.apply_filter(line_filter, background)
        return strip

    def render_lines(
        self,
        widget: Widget,
        crop: Region,
        source: Callable[[int], Strip | None],
        extra: Hashable,
    ) -> list[Strip] | None:
        """The widget's rows in ``crop``, as Textual's render_widget would give them, or
        None when it is to draw them itself. ``source(y)`` is the kept line content row
        ``y`` shows (None past the end); ``widget.draw_row`` draws a row from it, and
        ``extra`` is everything else that drawing depends on."""
        frame = self._begin(widget, extra)
        if frame is None:
            return None
        styles_cache = widget._styles_cache
        # What render_widget does first; and Textual's own rows are stale once these are
        # drawn, should it draw the widget itself next time.
        styles_cache._simple_strip = None
        styles_cache.clear()
        width, height = frame.size
        content_height = frame.content_size.height
        top = widget.styles.gutter.top
        draw_row = widget.draw_row  # type: ignore[attr-defined]
        kept = self._kept
        ahead = self._ahead
        edges = self._edges
        if len(kept) > _LIMIT:
            kept.clear()
        strips: list[Strip] = []
        for y in crop.line_range:
            content_y = y - top
            if 0 <= content_y < content_height:
                line = source(content_y)
                key = _BLANK if line is None else line
                found = kept.get(id(key))
                if found is None and (found := ahead.get(id(key))) is not None:
                    kept[id(key)] = found  # shown now: kept while it is in view
                if found is not None and found[0] is key:
                    strip = found[1]
                else:
                    strip = self._finish(widget, frame, y, lambda _y, line=line: draw_row(line))
                    kept[id(key)] = (key, strip)
            elif content_height > 0:
                # A border or padding row: the same for the same distance from its edge
                # (with content between, a row is never both a top and a bottom one).
                edge = ("top", y) if content_y < 0 else ("bottom", height - y)
                strip = edges.get(edge)
                if strip is None:
                    strip = edges[edge] = self._finish(widget, frame, y, widget.render_line)
            else:
                strip = self._finish(widget, frame, y, widget.render_line)
            strips.append(strip)
        if crop.column_span != (0, width):
            x1, x2 = crop.column_span
            strips = [strip.crop(x1, x2) for strip in strips]
        return strips

    def finish_ahead(self, widget: Widget, lines: Iterable[Strip], extra: Hashable) -> None:
        """Finish these kept lines now, as content rows in the frame as it is, so that
        showing them later (in the same conditions) is a lookup."""
        frame = self._begin(widget, extra)
        if frame is None or frame.content_size.height <= 0:
            return
        draw_row = widget.draw_row  # type: ignore[attr-defined]
        top = widget.styles.gutter.top
        ahead = {}
        for line in lines:
            found = self._kept.get(id(line)) or self._ahead.get(id(line))
            if found is not None and found[0] is line:
                ahead[id(line)] = found
            else:
                ahead[id(line)] = (line, self._finish(widget, frame, top, lambda _y, line=line: draw_row(line)))
        self._ahead = ahead
