"""A text that scrolls: one widget drawing its own lines, looking as a `Static` inside a
scrolling container does.

A scrolling container holding a text is two widgets, each laid out, styled and drawn
on its own, and the container lays out again each time Textual resizes the screen.
This widget wraps the text once for its width and draws the lines it shows, so a page
of text costs one widget (the intro's page, about a tenth of the time to its first
frame; the feedback panel, on every reply).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style as RichStyle
from textual.content import Content
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual

from ipt_roleplay.tui.prepared import Prepared
from ipt_roleplay.tui.styled_lines import StyledLines, rows_from

if TYPE_CHECKING:
    from textual.selection import Selection


def lines_key(shown: Prepared, width: int, style: Style, selection: Selection | None) -> tuple:
    """What a drawing of the text depends on: kept lines are found by it."""
    return (shown, width, style, selection)


class ScrollingText(ScrollView, can_focus=True):
    """Shows one `Content` (or text drawn ahead, a `Prepared`), wrapped to its width;
    focusable, so that the keys scroll it as they scroll a container."""

    DEFAULT_CSS = """
    ScrollingText { overflow-x: hidden; }
    """

    def __init__(self, content: Content | Prepared | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: Prepared = _prepared(content)
        self._lines: list[Strip] = []
        # Lines drawn before they were shown (see FeedbackPanel.prepare), by lines_key.
        self._drawn_ahead: dict[tuple, list[Strip]] = {}
        self._blank = RichStyle()
        self._lines_for: tuple | None = None  # what _lines show: text, width, style, selection
        self._styled = StyledLines()  # rows as finished for the screen, by line

    def update(self, content: Content | Prepared) -> None:
        """Show ``content`` instead, from its top."""
        self._shown = _prepared(content)
        self._update_lines()
        self.scroll_home(animate=False, immediate=True)
        self.refresh(layout=True)  # its height may follow the text

    @property
    def plain_text(self) -> str:
        """What it shows, as plain text (for tests and screen readers)."""
        return str(self._shown)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The text selected with the mouse (for copying), as a Static gives it."""
        return selection.extract(str(self._shown)), "\n"

    def _update_lines(self) -> None:
        """Wrap the text to the width it has now, unless it is already."""
        width = self.scrollable_content_region.width
        style = self.visual_style
        key = lines_key(self._shown, width, style, self.text_selection)
        if self._lines_for == key:
            return
        self._lines_for = key
        lines = self._drawn_ahead.get(key)
        if lines is None:
            # As Textual draws a Static's text (selected text highlighted, if any).
            lines = Visual.to_strips(self, self._shown, width, None, style) if width > 0 else []
        self._lines = lines
        self.virtual_size = Size(width, len(lines))

    _theme: str | None = None  # the theme the kept drawings were made in

    def notify_style_update(self) -> None:
        super().notify_style_update()
        theme = self.app.theme
        if theme != self._theme:
            self._theme = theme
            self.forget_drawings()

    def forget_drawings(self) -> None:
        """Drop every drawing kept: the text's own colours ("$primary" in a heading)
        follow the theme, though the widget's style, the key they are kept by, may not."""
        self._shown = Prepared(self._shown.content)
        self._drawn_ahead = {}
        self._lines_for = None
        self._styled.clear()
        self.refresh()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # As a text in a scrolling container: its height at the full width; with a
        # scroll bar, it is drawn (and scrolls) at the width the bar leaves.
        return self._shown.get_height(self.styles, width)

    def on_resize(self) -> None:
        self._update_lines()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._update_lines()
        # Beyond the text, the background alone (as a Static draws it).
        self._blank = RichStyle(bgcolor=self.rich_style.bgcolor)
        # Each line finished (padding, background) once: text drawn ahead is finished
        # ahead too (see FeedbackPanel.prepare).
        source = rows_from(self._lines, self.scroll_offset.y)
        strips = self._styled.render_lines(self, crop, source, self._row_extra())
        return super().render_lines(crop) if strips is None else strips

    def _row_extra(self) -> tuple:
        """What drawing a row depends on besides its line (see StyledLines)."""
        return (self.scroll_offset.x, self.scrollable_content_region.width, self._blank)

    def draw_row(self, line: Strip | None) -> Strip:
        """A row of the view showing ``line`` (None: blank), as render_line draws it."""
        scroll_x = self.scroll_offset.x
        width = self.scrollable_content_region.width
        if line is None:
            return Strip.blank(width, self._blank)
        return line.crop_extend(scroll_x, scroll_x + width, self._blank)

    def render_line(self, y: int) -> Strip:
        return self.draw_row(rows_from(self._lines, self.scroll_offset.y)(y))

def _prepared(content: Content | Prepared | None) -> Prepared:
    if isinstance(content, Prepared):
        return content
    return Prepared(content if content is not None else Content())
