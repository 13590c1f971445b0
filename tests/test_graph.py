"""`ipt-roleplay graph`: Mermaid and DOT that any scenario text leaves well-formed."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ipt_roleplay.cli import main
from ipt_roleplay.scenario import graph
from ipt_roleplay.scenario.loader import load_scenario
from ipt_roleplay.scenario.model import Scenario

HERE = Path(__file__).parent
AUTHORING = HERE / "scenarios" / "authoring"
CHORES = HERE / "scenarios" / "chores.yaml"
HOSTILE = AUTHORING / "hostile.yaml"
DRAFT = AUTHORING / "sister-draft.yaml"
STUCK = AUTHORING / "stuck.yaml"
ALL = [CHORES, HOSTILE, DRAFT, STUCK, AUTHORING / "sister.yaml", AUTHORING / "loop.yaml"]

# Everything a label may hold once escaped: letters, digits, quiet punctuation, entity
# codes, and the <br> the writer itself puts between lines.
LABEL = r'(?:[^\W_]|[ ,.\'!?\-/+=@_]|#\d+;|<br>)*'
NODE = re.compile(rf'^    n\d+(?:\["{LABEL}"\]|\(\["{LABEL}"\]\)|\{{\{{"{LABEL}"\}}\}}|\[\["{LABEL}"\]\])$')
EDGE = re.compile(rf'^    n\d+ (?:-->|==>|-\.->)\|"{LABEL}"\| n\d+$')
STYLE = re.compile(r"^    (?:classDef \w+ [\w:#,. -]+|class (?:n\d+,)*n\d+ \w+|linkStyle (?:\d+,)*\d+ stroke:#[0-9a-f]{6})$")


def check_mermaid(text: str, scenario: Scenario) -> tuple[list[str], list[str]]:
    """Every line is one this writer makes; returns the node and edge labels, decoded."""
    lines = text.splitlines()
    assert lines[0] == "flowchart TD"
    nodes, edges = [], []
    for line in lines[1:]:
        if NODE.match(line):
            nodes.append(decode(re.search(r'"(.*)"', line).group(1)))
        elif EDGE.match(line):
            edges.append(decode(re.search(r'"(.*)"', line).group(1)))
        else:
            assert STYLE.match(line), f"unexpected line: {line!r}"
    assert len(nodes) == len(scenario.states)
    assert len(edges) == sum(len(s.choices) for s in scenario.states.values() if s.ending is None)
    return nodes, edges


def decode(label: str) -> str:
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), label)


DOT_STRING = r'"((?:[^"\\]|\\.)*)"'


def dot_labels(text: str) -> list[str]:
    labels = re.findall(r"label=" + DOT_STRING, text)
    # \n is the writer's line break; any other backslash escapes the next character.
    return [
        re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), label)
        for label in labels
    ]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_mermaid_is_well_formed_for_every_fixture(path):
    scenario = load_scenario(path)
    check_mermaid(graph.mermaid(scenario, graph.find_marks(scenario)), scenario)


def test_hostile_text_stays_inside_its_labels():
    scenario = load_scenario(HOSTILE)
    text = graph.mermaid(scenario, graph.find_marks(scenario))
    nodes, edges = check_mermaid(text, scenario)
    start = scenario.states["end"]
    # Decoded, each label is exactly the (shortened) scenario text: nothing lost, nothing run.
    assert nodes[0].split("<br>")[2] == graph.shorten(start.says, graph.LINE_CHARS)
    assert edges[0].split("<br>")[0] == "✓ " + graph.shorten(start.choices[0].reply, graph.REPLY_CHARS)
    for line in text.splitlines()[1:]:
        if line.lstrip().startswith(("classDef", "class ", "linkStyle")):
            continue
        for part in re.findall(r'"([^"]*)"', line):
            bare = re.sub(r"#\d+;", "", part).replace("<br>", "")
            for dangerous in ("#", ";", "[", "]", "%", "<", ">", "&", "`", "$", "|", "{", "}", ":", "*"):
                assert dangerous not in bare, (dangerous, line)


def test_labels_are_one_line_with_control_characters_gone():
    scenario = load_scenario(HOSTILE)
    for line in graph.dot(scenario).splitlines():
        assert "\t" not in line and "\x1b" not in line and "\x00" not in line
    tab_reply = scenario.states["end"].choices[1].reply
    assert "\n" in tab_reply and "\t" in tab_reply
    assert graph.clean(tab_reply).startswith("Tab here, newline there, backslash \\")


def test_dot_strings_are_escaped_and_round_trip():
    scenario = load_scenario(HOSTILE)
    text = graph.dot(scenario, graph.find_marks(scenario))
    body = [line for line in text.splitlines()[4:-1]]
    node = re.compile(rf'^    n\d+ \[label={DOT_STRING}, shape=\w+(?:, peripheries=2)?, style="[\w,]+"(?:, fillcolor="#\w+", fontcolor="#\w+")?(?:, color="#\w+", penwidth=4)?\];$')
    edge = re.compile(rf'^    n\d+ -> n\d+ \[label={DOT_STRING}, style=\w+(?:, color="#\w+")?\];$')
    assert all(node.match(line) or edge.match(line) for line in body), body
    labels = dot_labels(text)
    says = scenario.states["end"].says
    assert labels[0].split("\n") == ["▶ START", "end", graph.shorten(says, graph.LINE_CHARS)]
    style = scenario.states["style"].says
    assert style == "\\" and labels[3].split("\n")[-1] == style


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
@pytest.mark.parametrize("path", [HOSTILE, CHORES], ids=lambda p: p.name)
def test_graphviz_reads_the_dot_output(path, tmp_path):
    scenario = load_scenario(path)
    source = tmp_path / "g.dot"
    source.write_text(graph.dot(scenario, graph.find_marks(scenario)), encoding="utf-8")
    result = subprocess.run(["dot", "-Tsvg", str(source)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count('class="node"') == len(scenario.states)
    assert result.stdout.count('class="edge"') == scenario.reply_count() - sum(
        len(s.choices) for s in scenario.states.values() if s.ending
    )


def test_endings_have_shapes_and_words_not_colour_alone():
    scenario = load_scenario(CHORES)
    text = graph.mermaid(scenario)
    assert re.search(r'n3\(\["END#58; resolved<br>agreed', text)  # stadium
    assert re.search(r'n4\{\{"END#58; partial<br>stuck', text)  # hexagon
    assert re.search(r'n5\[\["END#58; unresolved<br>walked_out', text)  # doubled sides
    dot = graph.dot(scenario)
    assert "peripheries=2" in dot and "shape=hexagon" in dot and "shape=octagon" in dot


def test_replies_carry_rating_mark_line_style_and_condition():
    scenario = load_scenario(CHORES)
    text = graph.mermaid(scenario)
    assert 'n0 ==>|"#10003; I\'m sorry I\'m late. I felt awf#8230;<br>tension -2"| n2' in text
    assert 'n1 -.->|"#10007; Fine, I\'m leaving then.<br>when tension #62;= 6<br>tension +2"| n5' in text
    assert 'n2 -->|"#126; I do loads' in text
    assert 'label="✗ Fine, I\'m leaving then.\\nwhen tension >= 6\\ntension +2", style=dashed' in graph.dot(scenario)


def test_unreachable_ending_behind_a_condition_is_marked():
    scenario = load_scenario(DRAFT)
    marks = graph.find_marks(scenario)
    assert marks.unreachable == {"agreed": "conditions on the way never hold"}
    assert marks.never_offered == {("considering", 0)}
    text = graph.mermaid(scenario, marks)
    ids = {name: f"n{i}" for i, name in enumerate(scenario.states)}
    assert f"class {ids['agreed']} unreachable" in text
    assert "#9888; UNREACHABLE#58; conditions on the way never hold" in text
    assert "#9888; never offered" in text


def test_trap_found_with_conditions_applied_is_marked():
    scenario = load_scenario(STUCK)
    marks = graph.find_marks(scenario)
    assert set(marks.traps) == {"cornered"}
    assert "class n1 trap" in graph.mermaid(scenario, marks)
    assert 'color="#b00020", penwidth=4' in graph.dot(scenario, marks)


def test_structural_fallback_when_meters_combine_too_much():
    scenario = load_scenario(STUCK)
    marks = graph.find_marks(scenario, max_moments=1)
    assert marks.traps == {} and marks.unreachable == {}  # the links alone look fine
    hostile = load_scenario(HOSTILE)
    assert graph.find_marks(hostile, max_moments=1).unreachable == {"classDef": "no reply leads here"}


def test_cli_writes_mermaid_by_default_and_dot_by_suffix(tmp_path, capsys):
    assert main(["graph", str(CHORES)]) == 0
    assert capsys.readouterr().out.startswith("flowchart TD\n")
    out = tmp_path / "chores.dot"
    assert main(["graph", str(CHORES), "-o", str(out)]) == 0
    assert out.read_text().startswith("digraph scenario {")
    assert "Wrote" in capsys.readouterr().out
    md = tmp_path / "chores.md"
    assert main(["graph", str(CHORES), "-o", str(md)]) == 0
    assert md.read_text().startswith("```mermaid\nflowchart TD\n") and md.read_text().endswith("```\n")
    capsys.readouterr()
    assert main(["graph", str(CHORES), "--format", "dot"]) == 0
    assert capsys.readouterr().out.startswith("digraph")


def test_cli_notes_unreachable_states_on_stderr(capsys):
    assert main(["graph", str(DRAFT)]) == 0
    captured = capsys.readouterr()
    assert "flowchart TD" in captured.out and "Note" not in captured.out
    assert "Note: state 'agreed' is unreachable (conditions on the way never hold)." in captured.err


def test_cli_problems_without_traceback(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [unclosed\n")
    assert main(["graph", str(bad)]) == 1
    assert "Traceback" not in capsys.readouterr().err
    assert main(["graph", str(CHORES), "-o", str(tmp_path / "missing" / "g.mmd")]) == 2
    assert "cannot write" in capsys.readouterr().err
