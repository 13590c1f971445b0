"""Recording sessions: each turn committed as made, rewinds reflected, endings, forgetting."""

from __future__ import annotations

import pytest
from store_helpers import SCENARIO_PATH, load_store_scenario, new_session

from ipt_roleplay.store.history import History, SessionNotFound
from ipt_roleplay.store.recorder import Recorder


@pytest.fixture
def history(store_target):
    with History.open(store_target) as h:
        yield h


def stored(history, session_id):
    return [(t.state_id, t.reply) for t in history.turns(session_id)]


def test_each_turn_is_committed_when_made(history, store_target):
    session = new_session()
    recorder = Recorder.start(history, session, scenario_path=SCENARIO_PATH)
    session.choose(0)
    recorder.sync(session)
    # A second connection sees the turn at once: it is committed, not buffered.
    with History.open(store_target) as other:
        assert stored(other, recorder.session_id) == [
            ("opening", "You never give me any time to myself.")
        ]


def test_turn_keeps_line_cue_feedback_and_meters(history):
    session = new_session()
    recorder = Recorder.start(history, session, scenario_path=SCENARIO_PATH)
    session.choose(0)
    recorder.sync(session)
    [turn] = history.turns(recorder.session_id)
    assert (turn.number, turn.speaker, turn.cue, turn.line) == (
        0, "Alex", "Alex is folding laundry.", "You wanted to talk?"
    )
    assert turn.choice_index == 0 and turn.typed is None
    assert turn.choice_reply == "You never give me any time to myself."
    assert turn.feedback.rating == "unhelpful"
    assert turn.feedback.pattern_ids == ("blaming", "absolute")
    assert turn.feedback.note == "An always/never complaint invites a defence."
    assert turn.feedback.try_instead == "I'm worn out and I'd love a morning to myself."
    assert turn.feedback.source == "author"
    assert turn.meters == {"tension": 7}


def test_session_row_keeps_what_the_report_needs(history):
    session = new_session()
    recorder = Recorder.start(history, session, scenario_path=SCENARIO_PATH, feedback_mode="end")
    record = history.session(recorder.session_id)
    assert record.scenario_id == "store-test" and record.scenario_title == "Asking for the weekend"
    assert record.scenario.goals == ("Name your feeling", "Make one specific request")
    assert record.scenario.characters == {"alex": "Alex"}
    assert record.feedback_mode == "end" and record.learner_role == "client"
    assert record.scenario_path == str(SCENARIO_PATH.resolve())
    assert len(record.scenario_hash) == 64
    assert not record.finished and record.outcome is None


def test_unknown_feedback_mode_is_refused(history):
    with pytest.raises(ValueError):
        history.start_session(load_store_scenario(), feedback_mode="sometimes")


def test_rewind_removes_the_turns_gone_back_over(history):
    session = new_session()
    recorder = Recorder.start(history, session)
    session.choose(0)  # blaming -> defended
    recorder.sync(session)
    session.choose(0)  # repair -> listening
    recorder.sync(session)
    session.rewind(1)
    recorder.sync(session)
    assert stored(history, recorder.session_id) == [("opening", "You never give me any time to myself.")]
    session.choose(0)  # the same reply again after the rewind
    session.choose(0)
    recorder.sync(session)
    assert [t.state_id for t in history.turns(recorder.session_id)] == ["opening", "defended", "listening"]
    assert [t.number for t in history.turns(recorder.session_id)] == [0, 1, 2]


def test_rewind_then_a_different_reply_replaces_the_old_one(history):
    session = new_session()
    recorder = Recorder.start(history, session)
    session.choose(0)
    recorder.sync(session)
    session.rewind(0)
    session.choose(1)  # the helpful opening instead
    recorder.sync(session)
    assert stored(history, recorder.session_id) == [
        ("opening", "I'm worn out lately, and I'd love a morning to myself.")
    ]


def test_store_rewind_matches_session_rewind(history):
    session = new_session()
    recorder = Recorder.start(history, session)
    session.choose(0)
    session.choose(0)
    recorder.sync(session)
    history.rewind(recorder.session_id, 1)
    assert len(history.turns(recorder.session_id)) == 1


def test_ending_is_recorded_with_summary_and_rewind_reopens_it(history):
    from ipt_roleplay.engine.summary import summarise

    session = new_session()
    recorder = Recorder.start(history, session)
    for _ in range(3):
        session.choose(0)
        recorder.sync(session)
    recorder.sync(session, summary=summarise(session))
    record = history.session(recorder.session_id)
    assert record.finished and record.outcome == "resolved"
    assert record.ending.says == "Saturdays until ten. Deal."
    assert record.ending.debrief.startswith("Naming the feeling")
    assert record.summary["ratings"] == {"helpful": 2, "mixed": 0, "unhelpful": 1}
    assert history.unfinished_sessions() == []

    session.rewind(2)
    recorder.sync(session)
    record = history.session(recorder.session_id)
    assert not record.finished and record.outcome is None and record.turn_count == 2
    assert [r.id for r in history.unfinished_sessions()] == [recorder.session_id]


def test_sessions_are_listed_oldest_first_and_unfinished_newest_first(history):
    scenario = load_store_scenario()
    first = history.start_session(scenario, started_at="2026-01-01T10:00:00+00:00")
    second = history.start_session(scenario, started_at="2026-01-02T10:00:00+00:00")
    assert [s.id for s in history.sessions()] == [first, second]
    assert [s.id for s in history.unfinished_sessions()] == [second, first]
    assert history.latest_session_id() == second


def test_missing_session_has_a_plain_message(history):
    with pytest.raises(SessionNotFound, match="There is no practice session 42"):
        history.session(42)
    with pytest.raises(SessionNotFound):
        history.sync_turns(42, [])


def test_forget_deletes_the_session_and_its_turns(history):
    session = new_session()
    keep = Recorder.start(history, session)
    session.choose(0)
    keep.sync(session)
    gone = Recorder.start(history, session)
    history.forget(gone.session_id)
    assert [s.id for s in history.sessions()] == [keep.session_id]
    assert history.turns(gone.session_id) == []
    assert len(history.turns(keep.session_id)) == 1
    with pytest.raises(SessionNotFound):
        history.forget(gone.session_id)


def test_forgotten_words_are_not_left_in_the_files(tmp_path):
    secret = "My very private sentence about Saturday 4471."
    path = tmp_path / "history.sqlite3"
    with History.open(path) as history:
        session = new_session()
        recorder = Recorder.start(history, session)
        session.choose(0)
        turns = [_with_reply(t, secret) for t in session.history]
        history.sync_turns(recorder.session_id, turns)
        assert secret.encode() in _all_bytes(tmp_path)
        assert history.forget_all() == 1
        # Still open: the WAL was emptied and freed pages zeroed, not merely unlinked.
        assert secret.encode() not in _all_bytes(tmp_path)
        assert history.sessions() == []


def test_session_ids_are_not_reused_after_forgetting(history):
    scenario = load_store_scenario()
    first = history.start_session(scenario)
    history.forget(first)
    assert history.start_session(scenario) > first


def _with_reply(turn, reply):
    import msgspec

    return msgspec.structs.replace(turn, reply=reply)


def _all_bytes(folder) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file())
