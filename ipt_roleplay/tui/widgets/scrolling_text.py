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
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        blank = self._blank
        index = scroll_y + y
        if index >= len(self._lines):
            return Strip.blank(width, blank)
        return self._lines[index].crop_extend(scroll_x, scroll_x + width, blank)


def _prepared(content: Content | Prepared | None) -> Prepared:
    if isinstance(content, Prepared):
        return content
    return Prepared(content if content is not None else Content())
