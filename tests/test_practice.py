"""The core of practice (ipt_roleplay.practice), with no app: what any face (line mode,
the served programme) shares. The app's own behaviour is in test_tui_practice.py."""

from __future__ import annotations

import pytest
from practice_helpers import LATE_DINNER, record, sessions, stored_turns
from tui_helpers import LIBRARY, private_home  # noqa: F401 - private_home is an autouse fixture

from ipt_roleplay.engine.session import Session
from ipt_roleplay.practice.recording import Practice
from ipt_roleplay.practice.words import replies, short_when, when
from ipt_roleplay.scenario.loader import load_scenario


class Told(list):
    """A face that writes down what it is asked to tell the person."""

    def __call__(self, message: str, *, title: str = "", warning: bool = False, timeout: float = 8) -> None:
        self.append((message, warning))


def test_a_conversation_is_recorded_turn_by_turn_without_an_app():
    told = Told()
    practice = Practice(told)
    session = Session(load_scenario(LATE_DINNER))
    practice.begin(session, LATE_DINNER, "each")
    assert practice.session_id is not None  # no frame to wait for: written at once
    session.choose(0)
    practice.sync(session)
    assert stored_turns(practice.session_id) == [session.history[0].reply]
    assert told == []


def test_a_conversation_left_before_any_reply_is_not_kept():
    practice = Practice(Told())
    practice.begin(Session(load_scenario(LATE_DINNER)), LATE_DINNER, "each")
    assert len(sessions()) == 1
    practice.leave()
    assert sessions() == []


def test_a_face_can_hold_the_first_write_back():
    waiting = []
    practice = Practice(Told(), later=waiting.append)
    session = Session(load_scenario(LATE_DINNER))
    practice.begin(session, LATE_DINNER, "each")
    session.choose(0)
    practice.sync(session)  # still waiting: stored with the first write
    assert practice.session_id is None and sessions() == []
    waiting.pop()()
    assert stored_turns(practice.session_id) == [session.history[0].reply]


def test_unfinished_practice_is_found_and_carried_on():
    session_id = record([1, 1], finish=False)
    practice = Practice(Told())
    offer = practice.find_offer(None, None, [LIBRARY], False)
    assert offer is not None and offer.record.id == session_id and offer.can_carry_on
    assert not offer.changed and offer.plan.total == 2
    session, done = practice.carry_on(offer)
    assert done == 2 and len(session.history) == 2
    assert practice.session_id == session_id


def test_nothing_is_offered_when_there_is_nothing_unfinished():
    record([1, 1, 1])  # finished
    assert Practice(Told()).find_offer(None, None, [LIBRARY], False) is None


def test_a_history_that_cannot_be_opened_is_told_once(tmp_path, monkeypatch):
    home = tmp_path / "a-file"
    home.write_text("not a folder")
    monkeypatch.setenv("IPT_ROLEPLAY_HOME", str(home))
    told = Told()
    practice = Practice(told)
    session = Session(load_scenario(LATE_DINNER))
    practice.begin(session, LATE_DINNER, "each")
    session.choose(0)
    practice.sync(session)
    assert practice.progress() is None and practice.export(1) == []
    opened = [m for m, warning in told if "could not be opened" in m and warning]
    assert len(opened) == 2, told  # once on opening, once more when a report is asked for
    assert "this time your practice will not be saved" in opened[0]


@pytest.mark.parametrize(("n", "said"), [(0, "0 replies"), (1, "1 reply"), (2, "2 replies")])
def test_replies_are_counted_in_words(n, said):
    assert replies(n) == said


def test_times_are_said_in_local_time(monkeypatch):
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        assert when("2025-03-12T14:05:09+00:00") == "12 March 2025, 14:05"
        assert short_when("2025-03-02T14:05:09+00:00") == " 2 Mar 2025 14:05"
        assert when("not a time") == "not a time"
    finally:
        monkeypatch.undo()
        time.tzset()
