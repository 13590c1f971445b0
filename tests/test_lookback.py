"""Looking back, in the core: answers and moods kept at once and forgotten with their
session, turning points, replies not chosen, rehearsing from a moment, and the report."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ipt_roleplay.engine import lookback as engine_lookback
from ipt_roleplay.engine.session import Session
from ipt_roleplay.review import Review, compare
from ipt_roleplay.scenario.loader import load_scenario
from ipt_roleplay.store import lookback, schema
from ipt_roleplay.store.history import History
from ipt_roleplay.store.recorder import Recorder
from ipt_roleplay.store.report import build_report, render

MARITAL = Path(__file__).parent.parent / "scenarios" / "marital-dispute.yaml"
TRAINEE = Path(__file__).parent.parent / "scenarios" / "trainee-communication-analysis.yaml"
# Sigh (unhelpful), "You shouldn't need telling" (unhelpful), the bins (unhelpful),
# "Wait. I don't want that." (helpful: tension -3), then a pause to the partial ending.
ROUTE = [1, 4, 3, 4, 1]


@pytest.fixture
def history(tmp_path):
    with History.open(tmp_path / "history.sqlite3") as opened:
        yield opened


def played(history: History, route=ROUTE, path=MARITAL) -> tuple[Session, int]:
    scenario = load_scenario(path)
    session = Session(scenario)
    recorder = Recorder.start(history, session, scenario_path=path)
    for n in route:
        if session.is_over:
            break
        session.choose(n - 1)
        recorder.sync(session)
    return session, recorder.session_id


def count(history: History, table: str) -> int:
    return history._read(f"SELECT count(*) FROM {table}")[0][0]


# --- the store ------------------------------------------------------------------------


def test_an_answer_is_kept_replaced_and_cleared(history):
    _, sid = played(history)
    lookback.save_answer(history, sid, 1, "felt", "What did you feel?", "  tired  ", position=1)
    lookback.save_answer(history, sid, 1, "understand", "What did you want?", "that I need help", position=0)
    assert [(a.prompt_id, a.answer) for a in lookback.answers(history, sid)] == [
        ("understand", "that I need help"), ("felt", "tired"),  # in the order they are asked
    ]
    lookback.save_answer(history, sid, 1, "felt", "What did you feel?", "angry, then tired", position=1)
    assert lookback.answers(history, sid)[1].answer == "angry, then tired"
    lookback.save_answer(history, sid, 1, "felt", "What did you feel?", "", position=1)
    assert [a.prompt_id for a in lookback.answers(history, sid)] == ["understand"]


def test_answers_are_on_disk_the_moment_they_are_given(tmp_path):
    path = tmp_path / "history.sqlite3"
    with History.open(path) as history:
        _, sid = played(history)
        lookback.save_answer(history, sid, 0, "felt", "What did you feel?", "cornered")
        # Another connection (another process, say) sees it without any close or flush.
        other = sqlite3.connect(path)
        assert other.execute("SELECT answer FROM lookback_answers").fetchall() == [("cornered",)]
        other.close()


@pytest.mark.parametrize(
    "text, score, word",
    [("6", 6, None), ("6 tired", 6, "tired"), ("6, a bit tired", 6, "a bit tired"),
     ("tired 4", 4, "tired"), ("7/10 relieved", 7, "relieved"), ("0", 0, None), ("10 good", 10, "good")],
)
def test_mood_answers_are_read_as_people_write_them(text, score, word):
    assert lookback.parse_mood(text) == lookback.Mood(score=score, word=word)


@pytest.mark.parametrize("text", ["11", "-1", "tired", "6 or 7", "6.5"])
def test_a_mood_that_cannot_be_read_says_how_to_give_one(text):
    with pytest.raises(lookback.MoodError, match=r"0|whole number"):
        lookback.parse_mood(text)


def test_an_empty_mood_answer_is_a_skip():
    assert lookback.parse_mood("   ") is None


def test_moods_before_and_after_over_time(history):
    _, first = played(history)
    _, second = played(history)
    lookback.save_mood(history, first, "before", lookback.Mood(score=3, word="low"))
    lookback.save_mood(history, first, "after", lookback.Mood(score=5))
    lookback.save_mood(history, second, "after", lookback.Mood(score=8, word="lighter"))
    lookback.save_mood(history, second, "after", lookback.Mood(score=7, word="lighter"))  # answered again
    points = lookback.mood_points(history)
    assert [(p.session_id, p.before, p.after) for p in points] == [
        (first, lookback.Mood(score=3, word="low"), lookback.Mood(score=5)),
        (second, None, lookback.Mood(score=7, word="lighter")),
    ]
    with pytest.raises(ValueError):
        lookback.save_mood(history, first, "during", lookback.Mood(score=3))


def test_forget_deletes_answers_moods_and_links(history):
    _, sid = played(history)
    review = Review.open(history, sid)
    review.answer(1, review.prompts[0], "that I am worn out")
    review.try_instead(1, "I'm worn out and I need help with the evenings")
    lookback.save_mood(history, sid, "before", lookback.Mood(score=4))
    started = review.rehearse(1)
    assert count(history, "lookback_answers") == 2 and count(history, "rehearsals") == 1
    history.forget(sid)
    assert count(history, "lookback_answers") == count(history, "moods") == count(history, "rehearsals") == 0
    # The rehearsal is practice of its own: it stays, no longer linked.
    assert history.session(started.recorder.session_id).turn_count == 1
    lookback.save_mood(history, started.recorder.session_id, "after", lookback.Mood(score=6))
    history.forget_all()
    assert count(history, "moods") == 0


def test_the_mood_setting_is_kept(history):
    assert lookback.mood_questions_on(history)
    lookback.set_mood_questions(history, False)
    assert not lookback.mood_questions_on(history)
    lookback.set_mood_questions(history, True)
    assert lookback.mood_questions_on(history)


def test_the_new_tables_keep_to_sql_postgresql_also_runs():
    script = schema.MIGRATIONS[2].upper()
    for sqlite_only in ("AUTOINCREMENT", "WITHOUT ROWID", "PRAGMA", "JSON_", "ALTER TABLE", "INSERT OR"):
        assert sqlite_only not in script
    assert script.count("PRIMARY KEY") == script.count("CREATE TABLE")


# --- the engine -------------------------------------------------------------------------


def test_prompts_suit_whom_the_person_played():
    client = [p.ask("Alex") for p in engine_lookback.prompts_for("client")]
    trainee = [p.ask("Sam") for p in engine_lookback.prompts_for("therapist")]
    assert client == [
        "What did you want Alex to understand?", "What did you feel as you said it?",
        "How do you think it landed?", "What did you hope would happen?",
    ]
    assert any("technique" in q for q in trainee) and "What did Sam do with it?" in trainee
    assert engine_lookback.ALTERNATIVE.text == "What else could you have said?"


def test_turning_points_are_the_biggest_move_the_first_unhelpful_and_the_best(history):
    session, _ = played(history)
    suggestions = engine_lookback.suggest(session.history, session.scenario.meters)
    kinds = {s.turn_number: s.kinds for s in suggestions}
    assert kinds[0] == (engine_lookback.FIRST_UNHELPFUL,)
    assert set(kinds[3]) == {engine_lookback.MOVED_MOST, engine_lookback.BEST}
    assert "Tension -3, better" in next(s.why for s in suggestions if s.turn_number == 3)


def test_no_best_reply_is_suggested_when_none_helped(history):
    session, _ = played(history, [1, 1])  # the sigh, then "Nothing. Doesn't matter." to the cold ending
    kinds = [k for s in engine_lookback.suggest(session.history, session.scenario.meters) for k in s.kinds]
    assert engine_lookback.BEST not in kinds and engine_lookback.FIRST_UNHELPFUL in kinds


def test_replies_not_chosen_come_with_their_ratings(history):
    session, _ = played(history)
    others = engine_lookback.alternatives(session.scenario, session.history, 1)
    chosen = session.history[1].reply
    assert chosen not in [a.reply for a in others]
    assert len(others) == len(session.scenario.states[session.history[1].state_id].choices) - 1
    assert {a.rating for a in others} <= {"helpful", "mixed", "unhelpful"}
    assert any(a.rating == "helpful" for a in others)


def test_rehearsing_replays_to_just_before_the_exchange(history):
    session, _ = played(history)
    rehearsal = engine_lookback.rehearse_from(session.scenario, session.history, 2)
    assert rehearsal.at_the_moment and rehearsal.why is None
    assert rehearsal.session.state_id == session.history[2].state_id
    assert [t.reply for t in rehearsal.session.history] == [t.reply for t in session.history[:2]]
    assert rehearsal.session.meters == dict(session.history[1].meters_after)


# --- the review, joined up ---------------------------------------------------------------


def test_a_trainee_session_is_looked_back_on_with_the_therapist_prompts(history):
    _, sid = played(history, [1, 1], path=TRAINEE)
    review = Review.open(history, sid)
    assert review.role == "therapist"
    assert review.prompts == engine_lookback.PROMPTS["therapist"]


def test_a_rehearsal_shows_the_moment_both_times(history):
    _, sid = played(history)
    review = Review.open(history, sid)
    started = review.rehearse(1)
    assert compare(history, started.recorder.session_id).now is None
    started.session.choose(2)  # "Fair. I'm not fine..." this time
    started.recorder.sync(started.session)
    moment = compare(history, started.recorder.session_id)
    assert moment.turn_number == 1 and moment.from_session_id == sid
    assert moment.before.reply == "You shouldn't need telling. It's right in front of you."
    assert moment.now.reply.startswith("Fair. I'm not fine.")
    assert compare(history, sid) is None


def test_a_shared_rehearsal_does_not_name_an_unshared_origin(tmp_path):
    from ipt_roleplay.programme.oversight import shared_history

    with History.open(tmp_path / "history.sqlite3", owner="ana") as ana:
        _, first = played(ana, route=[1])
        _, second = played(ana, route=[1])
        lookback.link_rehearsal(ana, second, first, 0)
        ana.set_shared(second, True)
        supervisor = shared_history(ana._conn, "ana")
        assert lookback.rehearsal_of(supervisor, second) is None
        ana.set_shared(first, True)
        assert lookback.rehearsal_of(supervisor, second).from_session_id == first
        assert lookback.rehearsal_of(ana, second).from_session_id == first


def test_without_its_scenario_file_the_look_back_still_works(history, tmp_path):
    copy = tmp_path / "copy.yaml"
    copy.write_text(MARITAL.read_text().replace("id: marital-dispute", "id: moved-away"))
    _, sid = played(history, path=copy)
    copy.unlink()
    review = Review.open(history, sid, bundled=False)
    assert not review.can_rehearse and "no longer there" in review.problem
    assert review.alternatives(0) == []
    review.answer(0, review.prompts[1], "embarrassed")
    assert review.answers(0) == {"felt": "embarrassed"}


def test_the_report_has_looking_back_with_answers_and_moods(history):
    _, sid = played(history)
    review = Review.open(history, sid)
    review.answer(1, review.prompts[0], "that I need *help* [now]")
    review.try_instead(1, "I'm worn out, and I need help with the evenings")
    lookback.save_mood(history, sid, "before", lookback.Mood(score=3, word="tense"))
    lookback.save_mood(history, sid, "after", lookback.Mood(score=6, word="lighter"))
    report = build_report(history, sid)
    md = render(report, "md")
    section = md[md.index("## Looking back"):md.index("## Notes for my therapist")]
    assert "- **Mood before:** 3/10 (tense)" in section
    assert "- **Mood after:** 6/10 (lighter)" in section
    assert "- **Mood change:** up 3" in section
    assert "### Reply 2: \u201cYou shouldn't need telling. It's right in front of you.\u201d" in section
    assert "- **What did you want Alex to understand?** that I need \\*help\\* \\[now\\]" in section
    assert "- **What else could you have said?** I'm worn out, and I need help with the evenings _(Helpful: I-statement" in section
    page = render(report, "html")
    assert "<h2>Looking back</h2>" in page and "<dt>Mood before</dt><dd>3/10 (tense)</dd>" in page
    assert "that I need *help* [now]" in page


def test_a_report_without_looking_back_has_no_such_section(history):
    _, sid = played(history)
    assert "Looking back" not in render(build_report(history, sid), "md")
