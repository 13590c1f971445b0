"""Carrying on with unfinished practice: which session to offer, and what carrying on
with it would do (its scenario file, found again if it moved, and how many of its
replies still apply)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from msgspec import Struct

if TYPE_CHECKING:
    from ipt_roleplay.scenario.model import Scenario
    from ipt_roleplay.store.history import History
    from ipt_roleplay.store.records import SessionRecord
    from ipt_roleplay.store.resume import ReplayPlan


class Offer(Struct, frozen=True):
    """An unfinished session, and what carrying on with it would do."""

    record: SessionRecord
    others: int  # further unfinished sessions, not offered now
    scenario: Scenario | None  # None: it cannot be carried on (``problem`` says why)
    path: Path | None  # the file to carry on with (where it was, or where it is now)
    plan: ReplayPlan | None
    changed: bool  # the file differs from the one it was played with
    moved_to: str | None = None  # set when the file it came from is gone but a copy was found
    problem: str | None = None

    @property
    def can_carry_on(self) -> bool:
        return self.scenario is not None and self.plan is not None


def find_offer(
    history: History, scenario_id: str | None, session_id: int | None, folders: list[Path], bundled: bool
) -> Offer | None:
    """The offer for ``session_id``, or for the newest unfinished session with a reply
    (of ``scenario_id`` only, when given); None when there is nothing to carry on."""
    if session_id is not None:
        records = [history.session(session_id)]
    else:
        records = [
            r for r in history.unfinished_sessions()
            if r.turn_count and (scenario_id is None or r.scenario_id == scenario_id)
        ]
    if not records:
        return None
    return prepare_offer(history, records[0], len(records) - 1, folders, bundled)


def prepare_offer(
    history: History, record: SessionRecord, others: int, folders: list[Path], bundled: bool
) -> Offer:
    """What carrying on with ``record`` would do: load its scenario file (or, if that is
    gone, the same scenario found elsewhere in the library) and plan the replay."""
    from ipt_roleplay.store.resume import plan_replay, resume_data

    data = resume_data(history, record.id)
    stored = Path(data.scenario_path) if data.scenario_path else None
    found = locate_scenario(stored, record.scenario_id, folders, bundled)
    if found.broken is not None:
        return Offer(
            record, others, None, stored, None, True,
            problem=f"Its scenario file has a problem now ({found.broken}), so it can't be carried "
            f"on until that is fixed: {stored}",
        )
    if found.scenario is None:
        where = f" ({stored})" if stored is not None else ""
        return Offer(
            record, others, None, stored, None, True,
            problem=f"The scenario file it was played from is no longer there{where}, so it "
            "can't be carried on. It stays in your practice history.",
        )
    plan = plan_replay(found.scenario, data.steps)
    changed = found.moved_to is not None or data.file_changed()
    return Offer(record, others, found.scenario, found.path, plan, changed, found.moved_to)


class Found(NamedTuple):
    scenario: Scenario | None
    path: Path | None  # where it is now (not found: where it was)
    moved_to: str | None  # its name in the library, when it was found there instead
    broken: str | None  # the first problem with its file, when that cannot be read


def locate_scenario(
    stored: Path | None, scenario_id: str, folders: Sequence[Path], bundled: bool, *, same_id: bool = False
) -> Found:
    """The scenario a session was played from: its file where it was, or (a bundled file
    moves when the app is reinstalled) the same scenario found in the library. With
    ``same_id``, a file there that now holds another scenario counts as gone."""
    from ipt_roleplay.scenario.loader import check_file

    if stored is not None and stored.is_file():
        result = check_file(stored)
        if not result.ok:
            return Found(None, stored, None, result.errors[0].message if result.errors else "it cannot be read")
        if result.scenario is not None and (not same_id or result.scenario.id == scenario_id):
            return Found(result.scenario, stored, None, None)
    from ipt_roleplay.catalog import discover

    for entry in discover(list(folders), bundled=bundled):
        if entry.scenario is not None and entry.scenario.id == scenario_id:
            return Found(entry.scenario, entry.path, entry.name, None)
    return Found(None, stored, None, None)
