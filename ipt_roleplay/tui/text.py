"""Turning scenario text and engine results into `Content` that is always shown literally.

Scenario files are untrusted: a title such as ``[@click=app.quit]x[/]`` must never become
markup, let alone a live action. Everything on screen that comes from a scenario goes
through ``Content(text)`` (or ``Content.assemble``, whose plain strings are never parsed)
here, so the screens have no reason to build markup from scenario text themselves.
"""

from __future__ import annotations

from textual.content import Content

from ipt_roleplay.analysis import taxonomy
from ipt_roleplay.care import CRISIS_NOTE  # noqa: F401 - the screens read it from here

# Each rating and outcome carries a symbol and a word, so colour is never the only sign.
RATINGS: dict[str, tuple[str, str]] = {
    "helpful": ("✓", "Helpful"),
    "mixed": ("~", "Mixed"),
    "unhelpful": ("✗", "Unhelpful"),
}
OUTCOMES: dict[str, tuple[str, str]] = {
    "resolved": ("✓", "Resolved"),
    "partial": ("~", "Partly resolved"),
    "unresolved": ("✗", "Not resolved"),
}
# The typing field's line before it is used (also its stand-in in the first frame).
TYPING_IDLE = "t: type your own reply"

# Theme variables, so the colours follow the theme (and NO_COLOR's monochrome).
_RATING_STYLE = {"helpful": "bold $success", "mixed": "bold $warning", "unhelpful": "bold $error"}
_OUTCOME_STYLE = {"resolved": "bold $success", "partial": "bold $warning", "unresolved": "bold $error"}



def literal(text: str) -> Content:
    return Content(text)


def rating_label(rating: str) -> str:
    symbol, word = RATINGS.get(rating, ("?", rating))
    return f"{symbol} {word}"


def rating(rating: str, width: int = 0) -> Content:
    """Symbol and word (``✓ Helpful``), padded to ``width`` so lists line up."""
    return Content.styled(rating_label(rating).ljust(width), _RATING_STYLE.get(rating, "bold"))


def outcome_label(outcome: str | None) -> str:
    if outcome is None:
        return "Not finished"
    symbol, word = OUTCOMES.get(outcome, ("?", outcome))
    return f"{symbol} {word}"


def outcome(outcome: str | None) -> Content:
    return Content.styled(outcome_label(outcome), _OUTCOME_STYLE.get(outcome or "", "bold"))


def spoken(name: str, says: str) -> Content:
    """``Name: words``, the name in bold; both literal."""
    return Content.assemble((name, "bold"), ": ", says)


def heard_as(speaker: str, reply: str) -> Content:
    """For a typed reply: the written reply the conversation went on along."""
    return Content.assemble(f"{speaker} hears this as: “", reply, "”").stylize("italic $foreground-muted")


def cue(text: str) -> Content:
    """Narration and non-verbal cues: italic and dimmed, in brackets-free prose."""
    return Content.styled(text, "italic dim")


def labelled(label: str, text: str) -> Content:
    """``Label: text`` with a bold label the app wrote and literal text from the file."""
    return Content.assemble((f"{label}: ", "bold"), text)


def pattern_line(pattern_id: str, evidence: str | None, *, define: bool = True) -> Content:
    """One pattern as a bullet: its label, the words that show it, and (unless
    ``define`` is False) what it means."""
    try:
        pattern = taxonomy.get(pattern_id)
    except KeyError:  # an id the taxonomy does not know: show it plainly rather than fail
        return Content.assemble("• ", (pattern_id, "bold"))
    symbol = "+" if pattern.helpful else "−"
    parts: list[str | tuple[str, str]] = [f"{symbol} ", (pattern.label, "bold")]
    if evidence:
        parts += [" in “", (evidence, "italic"), "”"]
    if define:
        parts += [": ", pattern.definition]
    return Content.assemble(*parts)


def wrap_width(widget) -> int:
    """The width to wrap a list's rows to by hand: its content width, less room for a
    vertical scrollbar if one is not showing yet (filling the list may bring one, and a
    row wrapped too wide would then be wrapped again without its indent)."""
    width = widget.scrollable_content_region.width
    if not widget.show_vertical_scrollbar:
        width -= widget.styles.scrollbar_size_vertical
    return max(width, 0)


def hanging(prefix: Content, body: Content, width: int) -> Content:
    """``prefix`` then ``body`` wrapped to ``width``, continuation lines indented under the
    body so each item in a list reads as one block. Unwrapped when the width is unknown."""
    indent = prefix.cell_length
    if width <= indent + 10:
        return prefix + body
    lines = body.wrap(width - indent)
    return prefix + Content("\n" + " " * indent).join(lines)


def bar(value: int, low: int, high: int, width: int = 10) -> str:
    """A text bar; the number beside it carries the meaning, the bar only helps the eye."""
    span = max(high - low, 1)
    filled = round((min(max(value, low), high) - low) * width / span)
    return "█" * filled + "░" * (width - filled)


def meter(label: str, value: int, low: int, high: int, good: str | None) -> Content:
    hint = {"low": ", lower is better", "high": ", higher is better"}.get(good or "", "")
    return Content.assemble(
        (label, "bold"), " ", (bar(value, low, high), "$primary"), f" {value} ({low}–{high}{hint})"
    )
