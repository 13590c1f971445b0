"""Resuming: the stored replies, how many still apply to a changed file, and kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest
import yaml
from store_helpers import SCENARIO_PATH, load_store_scenario, new_session

from ipt_roleplay.store.history import History
from ipt_roleplay.store.recorder import Recorder
from ipt_roleplay.store.resume import ReplayStep, plan_replay, replay_into, resume_data

TESTS = Path(__file__).parent


@pytest.fixture
def history(store_target):
    with History.open(store_target) as h:
        yield h


@pytest.fixture
def scenario_file(tmp_path):
    """A copy of the store scenario that a test may edit, as an author would."""
    path = tmp_path / "weekend.yaml"
    path.write_bytes(SCENARIO_PATH.read_bytes())
    return path


def edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def record_two_turns(history, scenario_file):
    session = new_session(load_store_scenario(scenario_file))
    recorder = Recorder.start(history, session, scenario_path=scenario_file)
    session.choose(0)  # "You never give me any time to myself." -> defended
    recorder.sync(session)
    session.choose(0)  # repair -> listening
    recorder.sync(session)
    return recorder.session_id


def test_unfinished_sessions_give_what_a_face_needs(history, scenario_file):
    session_id = record_two_turns(history, scenario_file)
    [record] = history.unfinished_sessions()
    assert record.id == session_id and record.turn_count == 2
    data = resume_data(history, session_id)
    assert data.scenario_path == str(scenario_file.resolve())
    assert data.scenario_hash == record.scenario_hash
    assert data.choice_indices == [0, 0]
    assert [s.state_id for s in data.steps] == ["opening", "defended"]
    assert not data.file_changed()


def test_unchanged_file_replays_everything_and_nothing_is_rewritten(history, scenario_file):
    session_id = record_two_turns(history, scenario_file)
    before = history.turns(session_id)
    data = resume_data(history, session_id)
    scenario = load_store_scenario(data.scenario_path)
    plan = plan_replay(scenario, data.steps)
    assert (plan.clean, plan.total, plan.complete) == (2, 2, True)
    session = new_session(scenario)
    assert session.replay(plan.choice_indices) == 2  # the engine's own replay agrees
    resumed = new_session(scenario)
    assert replay_into(resumed, plan) == 2 and resumed.state_id == "listening"
    recorder = Recorder.attach(history, session_id, resumed)
    assert history.sync_turns(session_id, resumed.history, scenario) == 0
    recorder.sync(resumed)
    assert history.turns(session_id) == before  # same rows, same timestamps


def test_moved_replies_are_found_by_their_text(history, scenario_file):
    session_id = record_two_turns(history, scenario_file)
    edit(scenario_file, lambda d: d["states"]["opening"]["choices"].reverse())
    data = resume_data(history, session_id)
    assert data.file_changed()
    plan = plan_replay(load_store_scenario(scenario_file), data.steps)
    assert plan.complete and plan.choice_indices == (1, 0)


def test_changed_reply_text_stops_the_replay_there(history, scenario_file):
    session_id = record_two_turns(history, scenario_file)

    def reword(d):
        d["states"]["defended"]["choices"][0]["reply"] = "Sorry. I'm just so tired."

    edit(scenario_file, reword)
    scenario = load_store_scenario(scenario_file)
    data = resume_data(history, session_id)
    plan = plan_replay(scenario, data.steps)
    assert (plan.clean, plan.total) == (1, 2)
    session = new_session(scenario)
    assert replay_into(session, plan) == 1 and session.state_id == "defended"
    # Recording the resumed session drops the stored turn that no longer applies.
    Recorder.attach(history, session_id, session).sync(session)
    history.update_scenario_file(session_id, scenario_file)
    assert [t.state_id for t in history.turns(session_id)] == ["opening"]
    assert not resume_data(history, session_id).file_changed()


def test_same_index_but_different_state_does_not_replay(history, scenario_file):
    session_id = record_two_turns(history, scenario_file)
    # The first reply now leads to a different state: index 0 still exists there, but
    # the stored reply was given at "defended", so it must not be replayed elsewhere.
    edit(scenario_file, lambda d: d["states"]["opening"]["choices"][0].update(goto="listening"))
    plan = plan_replay(load_store_scenario(scenario_file), resume_data(history, session_id).steps)
    assert (plan.clean, plan.total) == (1, 2)


def test_reply_whose_condition_no_longer_holds_is_not_replayed():
    scenario = load_store_scenario()
    steps = [
        ReplayStep("opening", 0, "You never give me any time to myself.", None),
        ReplayStep("defended", 1, "Forget it.", None),  # needs tension >= 6: 4 + 3 = 7
    ]
    assert plan_replay(scenario, steps).clean == 2
    calmer = scenario.states["opening"].choices[0]
    changed = msgspec.structs.replace(
        scenario,
        states={
            **scenario.states,
            "opening": msgspec.structs.replace(
                scenario.states["opening"],
                choices=[msgspec.structs.replace(calmer, effects={"tension": 1})],
            ),
        },
    )
    assert plan_replay(changed, steps).clean == 1


def test_a_missing_scenario_file_counts_as_changed(history, scenario_file):
    session_id = record_two_turns(history, scenario_file)
    scenario_file.unlink()
    assert resume_data(history, session_id).file_changed()


def test_typed_replies_are_typed_again_on_resume(history, scenario_file):
    scenario = load_store_scenario(scenario_file)
    session = new_session(scenario)
    recorder = Recorder.start(history, session, scenario_path=scenario_file)
    turn = session.say("I feel so tired lately and I would love a morning to myself")
    recorder.sync(session)
    data = resume_data(history, recorder.session_id)
    assert data.steps[0].typed == turn.typed
    resumed = new_session(scenario)
    assert replay_into(resumed, plan_replay(scenario, data.steps)) == 1
    assert resumed.history[0].typed == turn.typed and resumed.history[0].reply == turn.reply


_RECORDER = """
import sys, time
sys.path.insert(0, {tests!r})
from store_helpers import SCENARIO_PATH, load_store_scenario, new_session
from ipt_roleplay.store.history import History
from ipt_roleplay.store.recorder import Recorder

history = History.open({db!r})
session = new_session(load_store_scenario())
recorder = Recorder.start(history, session, scenario_path=SCENARIO_PATH)
print("session", recorder.session_id, flush=True)
for _ in range(2):
    session.choose(0)
    recorder.sync(session)
    print("recorded", len(session.history), flush=True)
time.sleep(120)  # mid-conversation, waiting for a reply that never comes
"""

_READER = """
import sys
from ipt_roleplay.store.history import History
with History.open({db!r}) as history:
    for record in history.unfinished_sessions():
        print(record.id, [t.reply for t in history.turns(record.id)])
"""


def test_sigkill_mid_session_loses_no_committed_turn(store_target):
    db = str(store_target)
    proc = subprocess.Popen(
        [sys.executable, "-c", _RECORDER.format(tests=str(TESTS), db=db)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        lines = [proc.stdout.readline().strip() for _ in range(3)]
        assert lines[1:] == ["recorded 1", "recorded 2"], proc.stderr.read() if proc.poll() else lines
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    if not db.startswith("postgresql:"):
        # The WAL still holds the turns (nobody checkpointed); a fresh process must see them.
        assert Path(db + "-wal").exists()
    reader = subprocess.run(
        [sys.executable, "-c", _READER.format(db=db)], capture_output=True, text=True, timeout=60
    )
    assert reader.returncode == 0, reader.stderr
    session_id = lines[0].split()[1]
    assert reader.stdout.strip() == (
        f"{session_id} ['You never give me any time to myself.', "
        "\"You're right, that came out wrong. I'm just tired.\"]"
    )
