"""Reports: what they say, that they need only the stored data, and that they are safe."""

from __future__ import annotations

from html.parser import HTMLParser

import msgspec
import pytest
import yaml
from store_helpers import SCENARIO_PATH, load_store_scenario, new_session

from ipt_roleplay.engine.summary import summarise
from ipt_roleplay.scenario.model import Scenario
from ipt_roleplay.store.history import History
from ipt_roleplay.store.recorder import Recorder
from ipt_roleplay.store.records import FeedbackRecord, PatternRecord, TurnRecord
from ipt_roleplay.store.report import build_report, md, render, to_html, to_markdown

HOSTILE = '<script>alert("x")</script> [click](javascript:alert(1)) <img src=x onerror=alert(1)> & **bold**'


@pytest.fixture
def history(store_target):
    with History.open(store_target) as h:
        yield h


def finished_session(history, scenario=None, path=None, picks=(0, 0, 0)):
    session = new_session(scenario or load_store_scenario())
    recorder = Recorder.start(history, session, scenario_path=path)
    for pick in picks:
        session.choose(pick)
        recorder.sync(session)
    recorder.sync(session, summary=summarise(session))
    return recorder.session_id


def test_markdown_report_has_every_part(history):
    text = to_markdown(build_report(history, finished_session(history)))
    assert text.startswith("# Practice report: Asking for the weekend\n")
    assert "**Goals:** Name your feeling; Make one specific request" in text
    assert "**Alex:** \\_(Alex is folding laundry.)\\_" not in text  # cue is italic markup, not escaped text
    assert "**Alex:** _(Alex is folding laundry.)_ You wanted to talk?" in text
    assert "**You:** You never give me any time to myself." in text
    [feedback] = [line for line in text.splitlines() if line.startswith("> **Unhelpful**: Blaming")]
    assert "Always / never" in feedback and "An always/never complaint invites a defence." in feedback
    assert "_Try instead:_ \u201cI'm worn out and I'd love a morning to myself.\u201d" in text
    assert "**Alex:** Saturdays until ten. Deal." in text  # the ending line closes the transcript
    assert "- **Outcome:** Resolved" in text
    assert "- **Replies:** 2 helpful, 0 mixed, 1 unhelpful" in text
    assert "- **Patterns used most:** Blaming (1)" in text
    assert "Name your feeling (not yet); Make one specific request (practised)" in text
    assert "- **Debrief:** Naming the feeling and then one specific request made agreement easy." in text
    assert text.rstrip().endswith("## Notes for my therapist")


def test_unfinished_session_says_so(history):
    session = new_session()
    recorder = Recorder.start(history, session)
    session.choose(1)
    recorder.sync(session)
    text = to_markdown(build_report(history, recorder.session_id))
    assert "Not finished (stopped after 1 reply)" in text and "Debrief" not in text


def test_report_needs_only_the_stored_data(history, tmp_path):
    scenario_file = tmp_path / "weekend.yaml"
    scenario_file.write_bytes(SCENARIO_PATH.read_bytes())
    session_id = finished_session(history, load_store_scenario(scenario_file), scenario_file)
    before = to_markdown(build_report(history, session_id))
    scenario_file.write_text("title: something else entirely\n")
    assert to_markdown(build_report(history, session_id)) == before
    scenario_file.unlink()
    assert to_markdown(build_report(history, session_id)) == before


def hostile_scenario() -> Scenario:
    data = yaml.safe_load(SCENARIO_PATH.read_text(encoding="utf-8"))
    data["title"] = HOSTILE
    data["goals"] = [HOSTILE]
    data["characters"]["alex"]["name"] = 'Al"ex <b>'
    opening = data["states"]["opening"]
    opening["says"] = opening["cue"] = HOSTILE
    opening["choices"][0]["reply"] = HOSTILE
    opening["choices"][0]["feedback"]["note"] = HOSTILE
    opening["choices"][0]["feedback"]["try_instead"] = HOSTILE
    data["states"]["stuck"]["ending"]["debrief"] = HOSTILE
    return msgspec.convert(data, Scenario)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs.update(name for name, _ in attrs)


def test_html_escapes_scenario_text_and_loads_nothing_from_outside(history):
    session_id = finished_session(history, hostile_scenario(), picks=(0, 1))
    page = to_html(build_report(history, session_id))
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "Al&quot;ex &lt;b&gt;" in page
    parser = _Tags()
    parser.feed(page)
    assert parser.tags <= {"html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "span",
                           "strong", "em", "div", "dl", "dt", "dd"}
    assert not {a for a in parser.attrs if a.startswith("on")} and "src" not in parser.attrs
    for outside in ("http:", "https:", "//", "@import", "url(", "<link"):
        assert outside not in page.replace("<!DOCTYPE html>", ""), outside
    assert "@media print" in page and "<style>" in page
    assert "default-src 'none'" in page


def test_markdown_escapes_scenario_text(history):
    from markdown_it import MarkdownIt  # comes with Textual (through Rich)

    session_id = finished_session(history, hostile_scenario(), picks=(0, 1))
    text = to_markdown(build_report(history, session_id))
    assert md(HOSTILE) in text
    # Rendered by a CommonMark viewer, the hostile text stays text: no tags, no links.
    rendered = MarkdownIt("commonmark").render(text)
    assert "<script" not in rendered and "<img" not in rendered and "<a " not in rendered
    assert "&lt;script&gt;" in rendered and "**bold**" in rendered
    assert md("a\n# heading\n\n- item") == "a \\# heading - item"


def test_a_typical_session_fits_on_one_printed_page(history):
    session_id = history.start_session(load_store_scenario())
    for n in range(6):  # a typical session has five to seven replies
        history.record_turn(session_id, _turn(n))
    report = build_report(history, session_id)
    text = to_markdown(report)
    # An A4 page of plain text at 10pt holds about 66 lines of 90 characters.
    wrapped = sum(max(1, -(-len(line) // 90)) for line in text.splitlines())
    assert wrapped <= 66, wrapped
    assert len(to_html(report)) < 12_000


def test_render_rejects_an_unknown_format(history):
    report = build_report(history, history.start_session(load_store_scenario()))
    assert render(report, "md") == to_markdown(report)
    with pytest.raises(ValueError):
        render(report, "pdf")


def _turn(n: int) -> TurnRecord:
    return TurnRecord(
        number=n, state_id=f"s{n}", speaker="Alex", cue=None,
        line="I don't know what you want from me. I'm doing my best here.",
        reply="I'm really tired lately. Could we share Saturday mornings?",
        choice_index=0, choice_reply=None, typed=None,
        feedback=FeedbackRecord(
            rating="helpful",
            patterns=(PatternRecord(id="i_statement", evidence="I'm really tired"),
                      PatternRecord(id="direct_request")),
            note="Naming the feeling first lets Alex hear the need, and the request is specific.",
            try_instead=None,
        ),
        meters={"tension": 4}, recorded_at="2026-03-01T09:00:00+00:00",
    )
