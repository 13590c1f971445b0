"""The app's screens, one module each."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual import events

# The list of scenarios carries this class, so the app knows it without importing its module.
LIST_CLASS = "scenario-list"


class StyledOnMount:
    """Mixed into a page (before `Screen`): the first time it is shown, its widgets keep
    the styles they were given as they were mounted, moments before.

    Textual restyles every widget on a screen each time the screen is shown
    (`ScreenResume`), so that anything that changed while it was hidden shows. The first
    time, nothing has: the screen was built and styled just before. That second styling
    of every widget was about a tenth of the time to the first frame of the intro and
    of the play screen. Handlers run from the subclass up, so this one, on the mixin,
    sees the event before `Screen`'s own handler acts on it; later showings restyle as
    usual (after a theme change, say).
    """

    _shown_before = False

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._shown_before:
            self._shown_before = True
            event.refresh_styles = False
