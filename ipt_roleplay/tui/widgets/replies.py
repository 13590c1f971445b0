"""The replies on offer, numbered; or the way to the summary once the conversation ends.

Textual's OptionList, keys, highlight, hover, click and scrolling included, with its
rows made ready ahead: Textual measures and draws an option afresh after every
`set_options` (a millisecond of a reply), although the replies each reply would bring
are known while the person reads. `prepare` builds, measures and draws those rows
then, so that showing them is a lookup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import OptionList
from textual.visual import Padding
from textual.widgets.option_list import Option

from ipt_roleplay.tui import text
from ipt_roleplay.tui.styled_lines import StyledLines

if TYPE_CHECKING:
    from textual.geometry import Region, Spacing
    from textual.strip import Strip
    from textual.style import Style

SUMMARY_OPTION = "see-summary"
_SUMMARY_PROMPT = Content.assemble(("→ ", "bold"), "The conversation has ended. See how it went")
# Every reply here has a condition that does not hold: a gap in the scenario. Said
# plainly, with the way back left open.
_STUCK = "No reply is available at this point (the scenario offers none). Press u to go back."

# What a list of rows shows: whether the conversation is over, the replies, and the
# width they are wrapped to.
RowsKey = tuple[bool, tuple[str, ...], int]

# Drawing ahead uses (and overrides) these private OptionList methods, as in Textual 8.2
# (the lock pins it). A Textual without them gets rows built ahead but drawn on the spot.
DRAWS_AHEAD = all(
    hasattr(OptionList, name)
    for name in ("_get_option_render", "_get_visual", "_get_left_gutter_width", "_update_lines")
)


class RepliesList(OptionList):
    """The play screen's replies (an OptionList), shown with `show`, made ready with
    `prepare`."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._ready: dict[RowsKey, list[Option]] = {}  # rows made ready, by what they show
        # Their lines, drawn ahead, as _get_option_render is asked for them (and at what width).
        self._drawn_ahead: dict[tuple[Option, Style, Spacing, int], list[Strip]] = {}
        self._styled = StyledLines()  # rows as finished for the screen (border, padding)

    def show(self, over: bool, replies: Sequence[str]) -> None:
        """Show these replies (numbered, from 1) or, ``over``, the way to the summary;
        the first row highlighted and in view."""
        key = self._key(over, replies)
        rows = self._ready.get(key) or self._rows(key)
        self.set_options(rows)
        # As `highlighted = 0` would, but without its OptionHighlighted message (which
        # nothing here listens to) or its scroll: set_options put the first row in view.
        self.set_reactive(OptionList.highlighted, 0 if rows else None)

    def prepare(self, upcoming: Iterable[tuple[bool, Sequence[str]]]) -> None:
        """Make ready the rows for each of these (as `show` takes them): built, measured
        and drawn at the list's width now, while the person reads, for the highlight
        and focus the list has now. Rows asked for otherwise are drawn as they come."""
        ready = {}
        for over, replies in upcoming:
            key = self._key(over, replies)
            if key not in ready:
                ready[key] = self._ready.get(key) or self._rows(key)
        self._ready = ready
        if not DRAWS_AHEAD:
            return
        padding = self._row_padding()
        plain = self.get_visual_style("option-list--option")
        first = self.get_visual_style("option-list--option", "option-list--option-highlighted")
        disabled = self.get_visual_style("option-list--option", "option-list--option-disabled")
        # Drawn both with and without a scroll bar beside them: the rows coming decide
        # whether the list has one, and the list is drawn at both widths as it changes.
        full = self.content_region.width - self._get_left_gutter_width()
        widths = [width for width in (full, full - self.styles.scrollbar_size_vertical) if width > 0]
        # The rows shown now keep their lines too, for the frames still to draw them.
        shown = set(self.options)
        drawn = {key: lines for key, lines in self._drawn_ahead.items() if key[0] in shown}
        for rows in ready.values():
            for index, option in enumerate(rows):
                style = disabled if option.disabled else first if index == 0 else plain
                for width in widths:
                    drawn[(option, style, padding, width)] = self._draw(option, index, style, padding, width)
                if widths:  # measured as the layout measures it, at the full width (kept by the Content)
                    self._get_visual(option).get_height(self.styles, widths[0] - padding.width)
        self._drawn_ahead = drawn
        # And finished as the screen shows them, at the width the list has now.
        width = self._row_width()
        lines = [line for (_, _, _, at), strips in drawn.items() if at == width for line in strips]
        self._styled.finish_ahead(self, lines, ())

    # --- the rows ----------------------------------------------------------------------

    def _key(self, over: bool, replies: Sequence[str]) -> RowsKey:
        return over, tuple(replies), text.wrap_width(self)

    @staticmethod
    def _rows(key: RowsKey) -> list[Option]:
        over, replies, width = key
        if over:
            return [Option(_SUMMARY_PROMPT, id=SUMMARY_OPTION)]
        if not replies:
            return [Option(Content(_STUCK), disabled=True)]
        # Wrapped by hand, for a hanging indent under the number.
        return [
            Option(text.hanging(Content.styled(f"{n}. ", "bold"), Content(reply), width))
            for n, reply in enumerate(replies, start=1)
        ]

    # --- drawing -----------------------------------------------------------------------

    def _row_width(self) -> int:
        return self.scrollable_content_region.width - self._get_left_gutter_width()

    def _row_padding(self) -> Spacing:
        return self.get_component_styles("option-list--option").padding

    def _draw(self, option: Option, index: int, style: Style, padding: Spacing, width: int) -> list[Strip]:
        """An option's lines, as OptionList draws them (padded, filled to the width, and
        carrying the option's index for the mouse)."""
        visual = self._get_visual(option)
        if padding:
            visual = Padding(visual, padding)
        meta = {"option": index}
        return [
            strip.extend_cell_length(width, style.rich_style).apply_meta(meta)
            for strip in visual.to_strips(self, visual, width, None, style)
        ]

    def render_lines(self, crop: Region) -> list[Strip]:
        if not DRAWS_AHEAD:
            return super().render_lines(crop)
        self._update_lines()
        # Each row finished (border, padding, background) once for the rows it shows:
        # the rows drawn ahead were finished ahead too (see prepare).
        strips = self._styled.render_lines(self, crop, self._source, ())
        return super().render_lines(crop) if strips is None else strips

    def _source(self, y: int) -> Strip:
        """Row ``y`` of the list as OptionList draws it (the lines it keeps per option)."""
        return OptionList.render_line(self, y)

    @staticmethod
    def draw_row(line: Strip) -> Strip:
        return line

    def _get_option_render(self, option: Option, style: Style) -> list[Strip]:
        drawn = self._drawn_ahead.get((option, style, self._row_padding(), self._row_width()))
        if drawn is not None:
            return drawn
        return super()._get_option_render(option, style)
