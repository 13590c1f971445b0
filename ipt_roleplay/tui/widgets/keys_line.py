"""The keys at the foot of the play screen, drawn as one widget.

Textual's Footer is a widget per key: on the play screen that was half of the widgets
laid out and composited again after every reply. This draws the same line (the same
keys, chosen the same way, in the same colours, hover and tooltip for each key, a click
presses the key) from one widget. See docs/performance.md, "Third pass".
"""

from __future__ import annotations

from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.color import Color
from textual.strip import Strip
from textual.widget import Widget


class _Key(NamedTuple):
    key: str  # what a click presses
    display: str  # how the key is written
    description: str
    tooltip: str
    enabled: bool


class KeysLine(Widget):
    """A Footer in one widget: the screen's shown bindings, the palette's key on the right."""

    ALLOW_SELECT = False
    # The same colours as Footer and FooterKey (their DEFAULT_CSS, not compact).
    COMPONENT_CLASSES = {"keys-line--key", "keys-line--description", "keys-line--hover", "keys-line--separator"}
    DEFAULT_CSS = """
    KeysLine {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        & > .keys-line--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .keys-line--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .keys-line--hover { background: $block-hover-background; }
        & > .keys-line--separator { color: $foreground 20%; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: list[_Key] = []
        self._palette: _Key | None = None
        self._spans: list[tuple[int, int, _Key]] = []  # where each key is drawn: x from, x to
        self._hover: _Key | None = None

    def on_mount(self) -> None:
        self._read_bindings()
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        if self.is_attached and screen is self.screen:
            # As Footer does: once the change that asked for it is drawn.
            self.call_after_refresh(self._read_bindings)

    def _read_bindings(self) -> None:
        """The keys Footer would show now (one per action, in order), redrawn if they changed."""
        if not self.is_attached:
            return
        app = self.app
        active = self.screen.active_bindings
        keys: list[_Key] = []
        actions: set[str] = set()
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in actions:
                actions.add(binding.action)
                keys.append(_Key(binding.key, app.get_key_display(binding), binding.description, tooltip, enabled))
        palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, _tooltip = active[app.COMMAND_PALETTE_BINDING]
            palette = _Key(
                binding.key, app.get_key_display(binding), binding.description,
                binding.tooltip or binding.description, enabled,
            )
        if keys != self._keys or palette != self._palette:
            self._keys, self._palette = keys, palette
            self._set_hover(None)
            self.refresh()

    # --- drawing ---------------------------------------------------------------------

    def _styles_for(self, hover: bool, enabled: bool) -> tuple[Style, Style]:
        """Key and description styles for a key, hovered or not (FooterKey:hover)."""
        key = self.get_component_rich_style("keys-line--key")
        description = self.get_component_rich_style("keys-line--description")
        if hover:
            base = self.background_colors[1] + self.get_component_styles("keys-line--hover").background
            key += Style(bgcolor=(base + self.get_component_styles("keys-line--key").background).rich_color)
            description += Style(
                bgcolor=(base + self.get_component_styles("keys-line--description").background).rich_color
            )
        if not enabled:
            key, description = key + Style(dim=True), description + Style(dim=True)
        return key, description

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        blank = Style(bgcolor=self.background_colors[1].rich_color)
        if y:
            return Strip.blank(width, blank)
        segments: list[Segment] = []
        spans: list[tuple[int, int, _Key]] = []
        x = 0
        for key in self._keys:
            key_style, description_style = self._styles_for(key is self._hover, key.enabled)
            parts = [Segment(f" {key.display} ", key_style)]
            if key.description:
                parts.append(Segment(f"{key.description} ", description_style))
            length = sum(len(p.text) for p in parts)
            segments += parts
            spans.append((x, x + length, key))
            x += length
        right: list[Segment] = []
        palette = self._palette
        if palette is not None:
            # Docked right, compact (as Footer draws it): a thin rule, the key, its name.
            key_style, description_style = self._styles_for(palette is self._hover, palette.enabled)
            rule = self.background_colors[1] + self.get_component_styles("keys-line--separator").color
            right = [
                Segment("▏", Style(color=rule.rich_color, bgcolor=self.background_colors[1].rich_color)),
                Segment(palette.display, key_style),
                Segment(f" {palette.description}", description_style),
                Segment(" ", blank),
            ]
        room = width - sum(len(s.text) for s in right)
        line = Strip(segments).crop_extend(0, max(room, 0), blank)
        self._spans = [(a, min(b, room), k) for a, b, k in spans if a < room]
        if palette is not None:
            self._spans.append((max(room, 0) + 1, width, palette))
        return Strip([*line, *right]).crop(0, width)

    # --- the mouse -------------------------------------------------------------------

    def _key_at(self, x: int) -> _Key | None:
        for start, end, key in self._spans:
            if start <= x < end:
                return key
        return None

    def _set_hover(self, key: _Key | None) -> None:
        if key is self._hover:
            return
        self._hover = key
        self.tooltip = (key.tooltip or None) if key is not None else None
        self.styles.pointer = "pointer" if key is not None else "default"
        self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self._key_at(event.x))

    def on_leave(self, event: events.Leave) -> None:
        self._set_hover(None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self._key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.refresh()
