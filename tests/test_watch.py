"""Live preview core: noticing a saved file, and fast-forwarding onto the new version."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from ipt_roleplay.engine.replay import fast_forward
from ipt_roleplay.engine.session import Session
from ipt_roleplay.scenario.loader import load_scenario, load_text
from ipt_roleplay.scenario.watch import FileWatcher

SISTER = Path(__file__).parent / "scenarios" / "authoring" / "sister.yaml"
ORIGINAL = SISTER.read_text()


def played(text: str, numbers: list[int]) -> Session:
    session = Session(load_text(text))
    for number in numbers:
        session.choose(number - 1)
    return session


# --- the watcher -----------------------------------------------------------------------


def test_changed_once_per_change_of_content(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("one")
    watcher = FileWatcher(path)
    assert not watcher.changed()
    path.write_text("two")
    assert watcher.changed()
    assert not watcher.changed()


def test_same_size_edit_in_the_same_instant_is_noticed(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("aaa")
    stamp = path.stat().st_mtime_ns
    watcher = FileWatcher(path)
    path.write_text("bbb")
    os.utime(path, ns=(stamp, stamp))  # as a coarse clock would leave it
    assert watcher.changed()


def test_touch_or_an_identical_save_is_not_a_change(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("same")
    watcher = FileWatcher(path)
    path.write_text("same")
    os.utime(path, ns=(1, 1))
    assert not watcher.changed()


def test_a_file_briefly_missing_during_a_save_is_waited_for(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("old")
    watcher = FileWatcher(path)
    path.unlink()
    assert not watcher.changed()
    replacement = tmp_path / "s.yaml.tmp"
    replacement.write_text("new")
    replacement.replace(path)  # how many editors save
    assert watcher.changed()


def test_wait_returns_after_a_change(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("before")
    watcher = FileWatcher(path, interval=0.01)

    async def scenario() -> None:
        waiting = asyncio.create_task(watcher.wait())
        await asyncio.sleep(0.05)
        assert not waiting.done()
        path.write_text("after!")
        await asyncio.wait_for(waiting, timeout=5)

    asyncio.run(scenario())


# --- fast forward ----------------------------------------------------------------------


def test_unchanged_file_replays_everything():
    old = played(ORIGINAL, [1, 1])
    session, count, why = fast_forward(load_scenario(SISTER), old.history)
    assert (count, why) == (2, None)
    assert session.state_id == "considering" and session.meters == {"trust": 7}


def test_reordered_replies_are_matched_by_their_words():
    old = played(ORIGINAL, [2])  # "You never help with Dad."
    first = "      - reply: I've been struggling since Dad moved in, and I need your help."
    second = "      - reply: You never help with Dad. It's always me."
    start, middle = ORIGINAL.index(first), ORIGINAL.index(second)
    end = ORIGINAL.index("      - reply: It's nothing, forget it.")
    swapped = ORIGINAL[:start] + ORIGINAL[middle:end] + ORIGINAL[start:middle] + ORIGINAL[end:]
    session, count, why = fast_forward(load_text(swapped), old.history)
    assert (count, why) == (1, None)
    assert session.state_id == "defending"
    assert session.history[0].choice_index == 0  # the same words, now first


def test_reworded_reply_falls_back_to_its_place():
    old = played(ORIGINAL, [1, 1])
    edited = ORIGINAL.replace(
        "Could you take Dad to his appointments on Thursdays?",
        "Could you take Dad to the clinic on Thursdays?",
    )
    session, count, why = fast_forward(load_text(edited), old.history)
    assert (count, why) == (2, None)
    assert session.history[1].reply == "Could you take Dad to the clinic on Thursdays?"


def test_stops_where_a_reply_is_no_longer_offered():
    old = played(ORIGINAL, [1, 1, 1])  # the reply to `agreed` needs trust >= 6 (it is 7)
    stricter = ORIGINAL.replace('when: {trust: ">= 6"}', 'when: {trust: ">= 9"}')
    session, count, why = fast_forward(load_text(stricter), old.history)
    assert count == 2 and session.state_id == "considering"
    assert why == "the reply \"Would every other Thursday work? It woul…\" is no longer offered at 'considering'"


def test_stops_where_the_conversation_now_goes_elsewhere():
    old = played(ORIGINAL, [1, 1])
    rerouted = ORIGINAL.replace(
        "      - reply: I've been struggling since Dad moved in, and I need your help.\n        goto: listening",
        "      - reply: I've been struggling since Dad moved in, and I need your help.\n        goto: defending",
    )
    session, count, why = fast_forward(load_text(rerouted), old.history)
    assert count == 1 and session.state_id == "defending"
    assert why == "the conversation now goes to 'defending' instead of 'listening'"


def test_stops_where_a_state_was_removed():
    old = played(ORIGINAL, [2, 1])
    renamed = ORIGINAL.replace("defending", "pushback")
    session, count, why = fast_forward(load_text(renamed), old.history)
    assert count == 1 and why == "state 'defending' is no longer in the file"


def test_a_new_ending_earlier_stops_the_replay():
    old = played(ORIGINAL, [1, 1])
    ended = ORIGINAL.replace(
        "  listening:\n    speaker: jo\n",
        "  listening:\n    speaker: jo\n    ending: {outcome: partial, debrief: Early end.}\n",
    )
    session, count, why = fast_forward(load_text(ended), old.history)
    assert count == 1 and session.is_over
    assert why == "the conversation now ends before this point"


def test_typed_replies_are_typed_again_so_the_words_are_kept():
    old = Session(load_text(ORIGINAL))
    words = "I'm worn out since Dad moved in, and I really need your help."
    old.say(words)
    session, count, why = fast_forward(load_scenario(SISTER), old.history)
    assert (count, why) == (1, None)
    assert session.history[0].typed == words
    assert session.state_id == old.state_id


def test_typed_replies_fall_back_to_the_choice_when_typing_is_turned_off():
    old = Session(load_text(ORIGINAL))
    old.say("I'm worn out since Dad moved in, and I really need your help.")
    no_typing = ORIGINAL.replace("start: opening", "free_text: false\nstart: opening")
    session, count, why = fast_forward(load_text(no_typing), old.history)
    assert (count, why) == (1, None)
    assert session.history[0].typed is None and session.state_id == old.state_id
