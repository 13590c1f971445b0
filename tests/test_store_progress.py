"""Progress data: sessions over time, pattern use by how replies landed, best outcomes."""

from __future__ import annotations

import pytest
from store_helpers import load_store_scenario, new_session, play

from ipt_roleplay.store.history import History
from ipt_roleplay.store.progress import progress
from ipt_roleplay.store.recorder import Recorder


@pytest.fixture
def history(store_target):
    with History.open(store_target) as h:
        yield h


def test_empty_history_is_empty(history):
    data = progress(history)
    assert data.empty and data.patterns == [] and data.scenarios == []


def test_progress_counts_from_the_stored_turns(history):
    # Session 1: blaming+absolute (unhelpful), then "Forget it." (unhelpful) -> unresolved.
    first = play(history, [0, 1])
    # Session 2: i_statement (helpful), direct_request (helpful) -> resolved.
    second = play(history, [1, 0])
    # Session 3: unfinished, one unhelpful reply.
    third = play(history, [0])
    data = progress(history)

    assert [(s.id, s.finished, s.outcome, s.replies, s.helpful, s.unhelpful) for s in data.sessions] == [
        (first, True, "unresolved", 2, 0, 2),
        (second, True, "resolved", 2, 2, 0),
        (third, False, None, 1, 0, 1),
    ]
    uses = {p.id: (p.uses, p.in_helpful, p.in_mixed, p.in_unhelpful) for p in data.patterns}
    assert uses["blaming"] == (2, 0, 0, 2)
    assert uses["closing_off"] == (1, 0, 0, 1)
    assert uses["i_statement"][1] >= 1 and uses["direct_request"][1] == 1
    assert data.patterns[0].id in ("blaming", "absolute")  # most used first
    blaming = next(p for p in data.patterns if p.id == "blaming")
    assert blaming.label == "Blaming" and blaming.helpful_pattern is False
    [best] = data.scenarios
    assert (best.scenario_id, best.sessions, best.finished, best.best_outcome) == (
        "store-test", 3, 2, "resolved"
    )


def test_best_outcome_is_none_until_a_session_ends(history):
    history.start_session(load_store_scenario())
    [best] = progress(history).scenarios
    assert best.best_outcome is None and best.finished == 0


def test_rewound_turns_do_not_count(history):
    session = new_session()
    recorder = Recorder.start(history, session)
    session.choose(0)  # blaming
    recorder.sync(session)
    session.rewind(0)
    session.choose(1)  # the helpful one instead
    recorder.sync(session)
    assert "blaming" not in {p.id for p in progress(history).patterns}
