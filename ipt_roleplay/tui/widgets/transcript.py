"""The conversation so far, as one scrolling widget that draws only the lines in view.

A widget per entry would make every reply re-lay-out the whole conversation (and take
several frames to mount). Here each entry is wrapped once into strips when it arrives,
so a reply costs the same at the hundredth turn as at the first, and it is drawn in the
same frame as the rest of the play screen's update.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from msgspec import Struct
from textual.content import Content
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from ipt_roleplay.tui import text
from ipt_roleplay.tui.styled_lines import StyledLines, rows_from

if TYPE_CHECKING:
    from rich.style import Style

    from ipt_roleplay.engine.session import Line, Turn
    from ipt_roleplay.scenario.model import Rating

BAR = "▌ "
INDENT = "  "


class _Entry(Struct):
    line: Line | None = None  # what the other person said...
    turn: Turn | None = None  # ...or the reply the person gave
    current: bool = False


def line_content(line: Line) -> Content:
    if line.cue:
        return Content.assemble(text.cue(line.cue), "\n", text.spoken(line.speaker, line.says))
    return text.spoken(line.speaker, line.says)


class Transcript(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {"transcript--past", "transcript--current", "transcript--bar"}

    def __init__(self, history: list[Turn], current: Line, *, show_ratings: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.show_ratings = show_ratings
        self._entries = self._entries_for(history, current)
        self._rendered: list[list[Strip]] = []  # one list of strips per entry
        self._lines: list[Strip] = []  # all of them, in order, for render_line
        self._width = 0
        self._line_style: Style | None = None  # see render_lines
        self._line_width = 0  # see render_lines
        # The current line drawn as it will look once answered (see _prepare_past).
        self._past: tuple[_Entry, int, list[Strip]] | None = None
        # Picked replies' entries drawn ahead (see prepare_replies).
        self._ready: dict[tuple[str, Rating, int, bool], list[Strip]] = {}
        # And the lines that would answer them, drawn as the current line (ditto).
        self._ready_lines: dict[tuple[Line, int], list[Strip]] = {}
        self._styled = StyledLines()  # rows as finished for the screen, by line

    @staticmethod
    def _entries_for(history: list[Turn], current: Line) -> list[_Entry]:
        entries: list[_Entry] = []
        for turn in history:
            entries += [_Entry(line=turn.line), _Entry(turn=turn)]
        entries.append(_Entry(line=current, current=True))
        return entries

    def reset(self, history: list[Turn], current: Line) -> None:
        """Show a conversation afresh (after a restart, say)."""
        self._entries = self._entries_for(history, current)
        self._rebuild()

    # --- what the conversation looks like --------------------------------------------

    def _render_entry(self, entry: _Entry, width: int) -> list[Strip]:
        if entry.turn is not None:
            turn = entry.turn
            # A typed reply also says which written reply it was heard as: the conversation
            # goes on from there, so this shows even when feedback waits until the end.
            heard = text.heard_as(turn.line.speaker, turn.heard_as) if turn.heard_as is not None else None
            return self._reply_strips(turn.reply, turn.feedback.rating, heard, width)
        assert entry.line is not None
        if entry.current and (ready := self._ready_lines.get((entry.line, width))) is not None:
            return ready
        lines = line_content(entry.line).wrap(max(width - len(INDENT), 10))
        if entry.current:
            return self._strips(lines, "transcript--current", Content.styled(BAR, "$primary"), width)
        return self._strips(lines, "transcript--past", Content(INDENT), width)

    def _reply_strips(self, reply: str, rating: Rating, heard: Content | None, width: int) -> list[Strip]:
        if heard is None and (ready := self._ready.get((reply, rating, width, self.show_ratings))) is not None:
            return ready
        body_width = max(width - len(INDENT), 10)
        said = text.spoken("You", reply)
        heard_lines = heard.wrap(body_width) if heard is not None else []
        if not self.show_ratings:
            return self._strips(said.wrap(body_width) + heard_lines, "transcript--current", Content(INDENT), width)
        shown = text.rating(rating)
        text_width = max(body_width - shown.cell_length - 2, 10)
        lines = said.wrap(text_width)
        lines[0] = lines[0].pad_right(text_width - lines[0].cell_length) + "  " + shown
        return self._strips(lines + heard_lines, "transcript--current", Content(INDENT), width)

    def _strips(self, lines: list[Content], component: str, prefix: Content, width: int) -> list[Strip]:
        style = self.get_visual_style(component)
        strips = [Strip.blank(width, style.rich_style)]  # a blank line between entries
        lines = [prefix + line for line in lines]
        if all(line.cell_length <= width for line in lines):
            # Each line fits (they are wrapped above): all of them in one call rather than
            # one call per line, which was most of the cost of an entry.
            return strips + Visual.to_strips(self, Content("\n").join(lines), width, len(lines), style, pad=True)
        for line in lines:  # a very narrow transcript: each line cut to the width
            strips += Visual.to_strips(self, line, width, 1, style, pad=True)
        return strips

    def prepare_replies(self, replies: list[tuple[str, Rating]], answers: list[Line]) -> None:
        """Draw now, while the person reads, the entry each of these written replies
        (text and rating) would add if picked, and the lines that would answer them:
        picking one then only appends them."""
        if not self._width:
            return
        ready = {}
        for reply, rating in replies:
            key = (reply, rating, self._width, self.show_ratings)
            ready[key] = self._ready.get(key) or self._reply_strips(reply, rating, None, self._width)
        self._ready = ready
        ready_lines = {}
        for line in answers:
            key = (line, self._width)
            ready_lines[key] = self._ready_lines.get(key) or self._render_entry(
                _Entry(line=line, current=True), self._width
            )
        self._ready_lines = ready_lines
        self._finish_ahead()

    def _rebuild(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        self._width = width
        self._past = None  # drawn in the style before this one
        self._ready = {}
        self._ready_lines = {}
        self._rendered = [self._render_entry(entry, width) for entry in self._entries]
        self._lines = [strip for strips in self._rendered for strip in strips]
        self._show_end()

    def _show_end(self) -> None:
        self.virtual_size = Size(self._width, len(self._lines))
        self.scroll_end(animate=False, immediate=True)
        self.refresh()
        self.call_after_refresh(self._prepare_past)

    def _prepare_past(self) -> None:
        """Once the frame is drawn, draw the current line as it will look once answered
        (muted, without the bar), so the next reply only swaps it in: a good part of a
        reply's own work, done while the person reads instead."""
        if not self.is_attached or not self._width or not self._entries[-1].current:
            return  # the screen has gone meanwhile, or nothing to prepare
        entry = self._entries[-1]
        if self._past is None or self._past[0] is not entry or self._past[1] != self._width:
            self._past = (entry, self._width, self._render_entry(_Entry(line=entry.line), self._width))
            self._finish_ahead()

    def on_resize(self) -> None:
        # Only a new width changes the wrapping; the panel below growing or shrinking
        # after each reply changes just the height, and re-wrapping every entry then
        # would make each reply slower as the conversation grows.
        if self.scrollable_content_region.width != self._width:
            self._rebuild()
        else:
            self._show_end()
        # The scroll range follows the new size only after this refresh; until then a
        # screen opened part-way through (a retry, a reload) would stop short of the end.
        self.call_after_refresh(self.scroll_end, animate=False, immediate=True)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self._width:
            self._rebuild()

    def render_lines(self, crop: Region) -> list[Strip]:
        # The widget's own style (worked out through all its ancestors) is the same for
        # every line of a frame: once here, rather than once per line in view.
        self._line_style = self.rich_style
        self._line_width = self.scrollable_content_region.width  # likewise
        # Each line finished (padding, background) once, wherever it scrolls to.
        scroll_x, scroll_y = self.scroll_offset
        source = rows_from(self._lines, scroll_y)
        strips = self._styled.render_lines(self, crop, source, (scroll_x, self._line_width, self._line_style))
        return super().render_lines(crop) if strips is None else strips

    def draw_row(self, line: Strip | None) -> Strip:
        """A row of the view showing ``line`` (None: blank), as render_line draws it."""
        scroll_x = self.scroll_offset.x
        width = self.scrollable_content_region.width if self._line_style is None else self._line_width
        style = self.rich_style if self._line_style is None else self._line_style
        if line is None:
            return Strip.blank(width, style)
        return line.crop_extend(scroll_x, scroll_x + width, style)

    def render_line(self, y: int) -> Strip:
        return self.draw_row(rows_from(self._lines, self.scroll_offset.y)(y))

    def _finish_ahead(self) -> None:
        """Finish (pad and colour) now the lines drawn ahead, as the next reply will
        show them, so that frame only looks them up (see StyledLines)."""
        if not self._width:
            return
        lines = [strip for strips in self._ready.values() for strip in strips]
        lines += [strip for strips in self._ready_lines.values() for strip in strips]
        if self._past is not None:
            lines += self._past[2]
        style = self.rich_style
        self._styled.finish_ahead(self, lines, (self.scroll_offset.x, self.scrollable_content_region.width, style))

    # --- changes, one entry at a time ------------------------------------------------

    def _restyle(self, index: int) -> None:
        """Re-render one entry in place (its line count does not change)."""
        start = sum(len(strips) for strips in self._rendered[:index])
        entry = self._entries[index]
        past = self._past
        if past is not None and past[0] is entry and past[1] == self._width and not entry.current:
            strips = past[2]  # drawn while the person was reading
        else:
            strips = self._render_entry(entry, self._width)
        self._lines[start : start + len(strips)] = strips
        self._rendered[index] = strips

    def add_turn(self, turn: Turn, next_line: Line) -> None:
        """Append the reply just given and the line that answers it."""
        previous = self._entries[-1]
        previous.current = False
        self._entries += [_Entry(turn=turn), _Entry(line=next_line, current=True)]
        if not self._width:
            return
        self._restyle(len(self._entries) - 3)
        for entry in self._entries[-2:]:
            strips = self._render_entry(entry, self._width)
            self._rendered.append(strips)
            self._lines += strips
        self._show_end()

    def drop_last_turn(self) -> None:
        """Remove the last reply and the line that answered it; the line before is current again."""
        if len(self._entries) < 3:
            return
        del self._entries[-2:]
        self._entries[-1].current = True
        if not self._width:
            return
        dropped = self._rendered[-2:]
        del self._rendered[-2:]
        del self._lines[len(self._lines) - sum(len(s) for s in dropped) :]
        self._restyle(len(self._entries) - 1)
        self._show_end()

    def set_show_ratings(self, show: bool) -> None:
        self.show_ratings = show
        self._rebuild()

    @property
    def plain_text(self) -> str:
        """Everything in the transcript as plain text (for tests and screen readers)."""
        return "\n".join(strip.text.rstrip() for strip in self._lines)
