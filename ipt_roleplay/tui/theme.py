"""The project's themes: calm colours with enough contrast on either kind of terminal.

The app paints its own background, so a dark and a light variant are both readable
whatever the terminal's colours; the command palette switches between them.
"""

from __future__ import annotations

from textual.theme import Theme

CALM_DARK = Theme(
    name="ipt-calm",
    primary="#86bfae",
    secondary="#9db4d3",
    accent="#e2bd7a",
    foreground="#e8e4dc",
    background="#1c2024",
    surface="#23282d",
    panel="#2c3238",
    success="#8fd19e",
    warning="#e8c170",
    error="#f08a7e",
    dark=True,
)

CALM_LIGHT = Theme(
    name="ipt-calm-light",
    primary="#2c6b5e",
    secondary="#3d5d86",
    accent="#8a5a00",
    foreground="#22262a",
    background="#f6f4ef",
    surface="#eeebe4",
    panel="#e2ded4",
    success="#236b2f",
    warning="#7a5200",
    error="#a8281e",
    dark=False,
)

THEMES = (CALM_DARK, CALM_LIGHT)
DEFAULT_THEME = CALM_DARK.name
