"""The Textual app: a face over the engine. Importing this package stays cheap; the app
itself (and Textual) loads only when ``run_app`` is called."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def run_app(
    scenario_dirs: Iterable[Path | str] = (),
    open_file: Path | str | None = None,
    feedback: str = "each",
    *,
    watch: bool = False,
    record: bool = True,
    mood: bool = True,
    review: int | None = None,
) -> int:
    """Run the app on the scenario list, or straight on ``open_file`` when given.

    ``feedback`` is ``"each"`` (after every reply) or ``"end"`` (only in the summary).
    ``watch`` (with ``open_file``) reloads the scenario whenever the file is saved.
    ``record=False`` keeps what is played out of the practice history.
    ``mood=False`` never asks how the person feels before and after a conversation.
    ``review`` (a stored session id) opens the look back on that session.
    Returns the process exit code.
    """
    from ipt_roleplay.tui.app import RoleplayApp

    app = RoleplayApp(
        scenario_dirs=scenario_dirs, open_file=open_file, feedback=feedback, watch=watch, record=record,
        mood=mood, review=review,
    )
    app.run()
    return app.return_code or 0
