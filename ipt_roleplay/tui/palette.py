"""Command palette entries built from where the person is: what makes sense on this screen."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class RoleplayCommands(Provider):
    def _commands(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        from ipt_roleplay.tui.screens.play import PlayScreen

        screen = self.screen
        app = self.app
        if isinstance(screen, PlayScreen):
            yield "Go back one reply", "Undo your last reply and choose again", screen.action_go_back
            yield "Restart this scenario", "Start the conversation again from the beginning", screen.action_restart
            yield "Toggle the feedback panel", "Show or hide feedback after each reply", screen.action_toggle_feedback
        yield "Switch scenario", "Go back to the list of scenarios", app.back_to_picker  # type: ignore[attr-defined]
        yield "Your practice", "Every conversation you have played, and how it went", app.action_show_progress  # type: ignore[attr-defined]
        yield "Mood questions: on", "Ask how you feel before and after each conversation", app.action_mood_on  # type: ignore[attr-defined]
        yield "Mood questions: off", "Stop asking how you feel before and after", app.action_mood_off  # type: ignore[attr-defined]
        for label, theme in (("calm dark", "ipt-calm"), ("calm light", "ipt-calm-light")):
            yield f"Theme: {label}", f"Use the {label} colour theme", partial(setattr, app, "theme", theme)
        yield "Theme: choose another…", "Pick from every installed theme", app.action_change_theme

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
