"""The strict loader: every way a file can be refused, each with its own message and place."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from authoring_cases import VALID, line_of, mutate

from ipt_roleplay.scenario.findings import Finding
from ipt_roleplay.scenario.loader import (
    CheckResult,
    ScenarioError,
    check_bytes,
    check_file,
    check_text,
    load_scenario,
    load_text,
)
from ipt_roleplay.scenario.model import Scenario


def only(result: CheckResult, rule: str) -> Finding:
    """The single finding of `rule`, after checking that it is the only error."""
    matching = [f for f in result.findings if f.rule == rule]
    assert len(matching) == 1, [str(f) for f in result.findings]
    assert [f for f in result.errors if f.rule != rule] == [], [str(f) for f in result.errors]
    return matching[0]


# --- what loads ------------------------------------------------------------------------


def test_valid_file_loads_with_no_findings(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text(VALID, encoding="utf-8")
    result = check_file(path)
    assert result.findings == []
    assert result.ok
    scenario = load_scenario(path)
    assert isinstance(scenario, Scenario)
    assert scenario.states["arrival"].choices[0].goto == "escalation"
    assert scenario.states["arrival"].choices[0].when == {"tension": "<= 7"}
    assert scenario.meters["tension"].start == 5


def test_source_map_points_at_values_and_keys() -> None:
    result = check_text(VALID)
    goto_line = line_of(VALID, "goto: escalation")
    assert result.source_map[("states", "arrival", "choices", 0, "goto")] == (goto_line, 15)
    assert result.source_map[("states", "arrival")] == (line_of(VALID, "  arrival:"), 3)
    assert result.source_map[("goals", 1)][0] == line_of(VALID, "goals:")


def test_byte_order_mark_is_accepted() -> None:
    result = check_bytes(b"\xef\xbb\xbf" + VALID.encode())
    assert result.ok and result.findings == []


def test_warnings_do_not_stop_loading() -> None:
    text = mutate("description: Your partner.}", "description: Your partner.}\n  ghost: {name: Ghost}")
    scenario = load_text(text)
    assert "ghost" in scenario.characters
    assert [f.rule for f in check_text(text).findings] == ["silent-character"]


def test_scenario_error_carries_every_finding_and_names_the_first_error() -> None:
    text = mutate("goto: escalation", "goto: nowhere")
    text = mutate("rating: helpful", "rating: great", text)
    with pytest.raises(ScenarioError) as caught:
        load_text(text, "x.yaml")
    rules = [f.rule for f in caught.value.findings]
    assert rules == ["unknown-value"]  # the shape error stops the graph checks
    assert str(caught.value).startswith(f"x.yaml:{line_of(text, 'rating: great')}:")
    fixed = mutate("rating: great", "rating: helpful", text)
    with pytest.raises(ScenarioError, match="unknown-target"):
        load_text(fixed)


# --- reading the bytes -------------------------------------------------------------------


def test_not_utf8_says_where_the_bad_byte_is() -> None:
    data = VALID.encode().replace(b"The chores argument", b"The chor\xe9s argument")
    finding = only(check_bytes(data, "f.yaml"), "not-utf8")
    assert (finding.line, finding.col) == (2, 16)
    assert "0xE9" in finding.message and "line 2, column 16" in finding.message


def test_utf16_file_is_named_as_such() -> None:
    finding = only(check_bytes(VALID.encode("utf-16")), "not-utf8")
    assert "UTF-16" in finding.message


def test_file_over_the_size_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(VALID, encoding="utf-8")
    finding = only(check_file(path, max_bytes=100), "file-too-large")
    assert "limit" in finding.message
    assert check_file(path, max_bytes=len(VALID.encode())).ok


def test_missing_file_and_folder_are_findings_not_exceptions(tmp_path: Path) -> None:
    assert only(check_file(tmp_path / "absent.yaml"), "unreadable-file")
    assert only(check_file(tmp_path), "unreadable-file")
    with pytest.raises(ScenarioError):
        load_scenario(tmp_path / "absent.yaml")


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n", "~\n"])
def test_empty_file(text: str) -> None:
    assert only(check_text(text), "empty-file").line == 1


@pytest.mark.parametrize(("text", "word"), [("- a\n- b\n", "a list"), ("just words\n", "a single value")])
def test_root_must_be_a_mapping(text: str, word: str) -> None:
    assert word in only(check_text(text), "not-a-mapping").message


def test_second_document_is_refused() -> None:
    text = VALID + "---\nid: another\n"
    finding = only(check_text(text), "multiple-documents")
    assert finding.line == line_of(text, "---")


def test_yaml_syntax_error_has_line_and_a_hint() -> None:
    text = mutate("says: Fine.", "says: Fine: whatever.")
    finding = only(check_text(text), "yaml-syntax")
    assert finding.line == line_of(text, "Fine: whatever")
    assert "quotes" in finding.message


def test_tab_indentation_gets_a_plain_hint() -> None:
    text = mutate("  sam: {name", "\tsam: {name")
    finding = only(check_text(text), "yaml-syntax")
    assert finding.line == line_of(text, "sam: {name")
    assert "tab" in finding.message


# --- things YAML would accept silently -------------------------------------------------


def test_duplicate_key_names_both_lines() -> None:
    text = mutate("    says: Fine.\n", "    says: Fine.\n    says: Fine then.\n")
    finding = only(check_text(text), "duplicate-key")
    first, second = line_of(text, "says: Fine."), line_of(text, "says: Fine then.")
    assert finding.line == second
    assert f"line {first}" in finding.message and f"line {second}" in finding.message


def test_duplicate_state_name_is_caught_too() -> None:
    text = VALID + "  stalled_end:\n    speaker: sam\n    says: Again.\n    ending: {outcome: partial}\n"
    finding = only(check_text(text), "duplicate-key")
    assert finding.line == line_of(text, "stalled_end:", 2)


def test_unknown_key_suggests_and_lists_valid_keys() -> None:
    text = mutate("    says: Fine.", "    sayz: Fine.")
    result = check_text(text)
    finding = [f for f in result.findings if f.rule == "unknown-key"][0]
    assert finding.line == line_of(text, "sayz")
    assert "did you mean `says`?" in finding.message
    assert "speaker, says, cue, stage, variants, choices, ending" in finding.message


def test_missing_key_says_what_it_is_for() -> None:
    text = mutate("    says: Fine.\n", "")
    finding = only(check_text(text), "missing-key")
    assert finding.message == "state 'stalled_end' needs a `says` key (what the speaker says)"
    assert finding.line == line_of(text, "stalled_end:")


def test_many_missing_keys_are_one_finding() -> None:
    finding = only(check_text("title: Only a title\n"), "missing-key")
    assert "`id`" in finding.message and "`states`" in finding.message


def test_wrong_type_says_what_was_expected() -> None:
    text = mutate("    says: Fine.", "    says: [Fine]")
    finding = only(check_text(text), "wrong-type")
    assert finding.line == line_of(text, "says: [Fine]")
    assert "should be text, but here it is a list" in finding.message


def test_value_outside_enum_lists_allowed_values() -> None:
    text = mutate("outcome: unresolved", "outcome: solved")
    finding = only(check_text(text), "unknown-value")
    assert finding.line == line_of(text, "outcome: solved")
    assert "partial, resolved, unresolved" in finding.message


def test_goto_no_is_a_yaml11_boolean() -> None:
    text = mutate("goto: stalled_end", "goto: no")
    finding = only(check_text(text), "yaml11-boolean")
    assert finding.line == line_of(text, "goto: no")
    assert finding.message == (
        '`no` here is read as the boolean false, not the text "no" (YAML 1.1); quote it: goto: "no"'
    )
    # Quoted, it is just a name (which then has to exist as a state).
    quoted = mutate("goto: stalled_end", 'goto: "no"')
    assert [f.rule for f in check_text(quoted).errors] == ["unknown-target"]


@pytest.mark.parametrize("word", ["no", "on", "Off", "YES"])
def test_boolean_looking_key_is_refused(word: str) -> None:
    text = mutate("  sam: {name: Sam", f"  {word}: {{name: Sam")
    finding = [f for f in check_text(text).findings if f.rule == "yaml11-boolean"][0]
    assert finding.line == line_of(text, f"{word}: {{name")
    assert f'quote it: "{word}":' in finding.message


def test_number_where_text_is_expected_says_quote_it() -> None:
    text = mutate("title: The chores argument", "title: 1984")
    finding = only(check_text(text), "wrong-type")
    assert 'quote it: title: "1984"' in finding.message


def test_octal_looking_number_is_refused() -> None:
    text = mutate("start: 5,", "start: 010,")
    finding = only(check_text(text), "yaml11-number")
    assert "`10`" in finding.message


def test_quoted_number_where_a_number_is_expected() -> None:
    text = mutate("start: 5,", 'start: "5",')
    assert "remove the quotes" in only(check_text(text), "wrong-type").message


def test_empty_required_text() -> None:
    text = mutate("    says: Fine.", "    says:")
    finding = only(check_text(text), "empty-value")
    assert "write what the speaker says" in finding.message


def test_bad_state_name() -> None:
    text = mutate("  stalled_end:", "  stalled end:")
    text = mutate("goto: stalled_end", "goto: stalled end", text)
    result = check_text(text)
    assert {f.rule for f in result.errors} == {"bad-name"}
    assert "`stalled_end`" in result.errors[0].message


# --- things that must never run or expand ----------------------------------------------


@pytest.mark.parametrize(
    "tag",
    ["!!python/object/apply:os.system", "!!python/object/new:os.system", "!!python/name:os.system", "!custom"],
)
def test_tags_are_refused_and_never_run(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "ran"
    text = mutate("title: The chores argument", f'title: {tag} ["touch {marker}"]')
    finding = only(check_text(text), "tag-not-allowed")
    assert finding.line == 2
    assert not marker.exists()


def test_tag_payload_in_an_unknown_key_is_still_reported_and_not_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = VALID + f'payload: !!python/object/apply:subprocess.call [["touch", "{marker}"]]\n'
    rules = {f.rule for f in check_text(text).findings}
    assert {"tag-not-allowed", "unknown-key"} <= rules
    assert not marker.exists()


def test_billion_laughs_is_refused_without_expanding() -> None:
    levels = ["lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        levels.append(f"lol{i}: &lol{i} [" + ", ".join([f"*lol{i - 1}"] * 9) + "]")
    result = check_text("\n".join(levels) + "\n")
    aliases = [f for f in result.findings if f.rule == "alias-not-allowed"]
    assert len(aliases) == 9  # once per anchor, not once per use
    assert aliases[0].line == 2 and "*lol0" in aliases[0].message


def test_alias_inside_a_known_field() -> None:
    text = mutate("title: The chores argument", "title: &t The chores argument\nauthor: *t")
    finding = only(check_text(text), "alias-not-allowed")
    assert finding.line == 3


@pytest.mark.parametrize("text", ["[" * 100_000, "- " * 100_000 + "x\n", "a: " + "{a: " * 50_000])
def test_deep_nesting_is_a_finding_not_a_crash(text: str) -> None:
    result = check_text(text)
    assert "nesting-too-deep" in {f.rule for f in result.findings}


DEEP_CASES = [
    # (text, line, column of the first level past the limit)
    # the root mapping is level 1, so level 33 is the 32nd bracket after `states: `
    ("states: " + "[" * 100_000, 1, 9 + 31),
    ("states: " + "[" * 1_500 + "]" * 1_500, 1, 9 + 31),
    # root > states > a > choices: the list that opens at column 14 is level 4
    ("id: x\ntitle: T\nstates:\n  a:\n    choices: " + "[" * 2_000, 5, 14 + 29),
    # a list at the top (level 1), one more level on each line
    ("".join("  " * i + "- \n" for i in range(1_200)), 33, 65),
]


@pytest.mark.parametrize(("text", "line", "col"), DEEP_CASES)
def test_deep_nesting_is_one_finding_at_the_level_that_crossed_the_limit(text: str, line: int, col: int) -> None:
    # Whatever the parser's own limit (libyaml's 1000 levels since PyYAML 6.0.4, none in
    # the pure-Python parser), the file gets our one finding and nothing about the
    # value it was found in.
    found = [(f.rule, f.line, f.col) for f in check_text(text).findings]
    assert found == [("nesting-too-deep", line, col)]


@pytest.mark.parametrize(("text", "line", "col"), DEEP_CASES)
def test_deep_nesting_is_the_same_when_the_c_parser_stops_first(
    monkeypatch: pytest.MonkeyPatch, text: str, line: int, col: int
) -> None:
    # Older PyYAML wheels have no depth limit in libyaml; make one that stops at the first
    # bracket, as a future libyaml with a lower limit would, so that path is always tested.
    import yaml

    from ipt_roleplay.scenario import yaml_reader

    class LimitedParser(yaml.SafeLoader):
        def get_event(self):  # type: ignore[no-untyped-def]
            event = super().get_event()
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)) and event.start_mark.line > -1:
                if getattr(self, "_levels", 0) >= 3:
                    raise yaml.scanner.ScannerError(
                        "while increasing flow level", event.start_mark, "exceeded maximum nesting depth", event.start_mark
                    )
                self._levels = getattr(self, "_levels", 0) + 1
            return event

    monkeypatch.setattr(yaml_reader, "EventSource", LimitedParser)
    found = [(f.rule, f.line, f.col) for f in check_text(text).findings]
    assert found == [("nesting-too-deep", line, col)]


def test_nesting_up_to_the_limit_is_not_too_deep() -> None:
    rules = {f.rule for f in check_text("states: " + "[" * 31 + "]" * 31).findings}
    assert "nesting-too-deep" not in rules and "wrong-type" in rules
    rules = {f.rule for f in check_text("states: " + "[" * 32 + "]" * 32).findings}
    assert rules == {"nesting-too-deep"}


def test_deep_nesting_keeps_the_findings_before_it() -> None:
    text = "id: x\ntitel: T\nstates: " + "[" * 2_000
    found = [(f.rule, f.line) for f in check_text(text).findings]
    assert found == [("unknown-key", 2), ("nesting-too-deep", 3)]


def test_deep_nesting_does_not_crash_the_process() -> None:
    # The C composer would overflow the C stack here and kill the interpreter; run it in a
    # child so that a regression fails this test instead of the whole run.
    code = (
        "from ipt_roleplay.scenario.loader import check_text\n"
        "r = check_text('states: ' + '[' * 200000)\n"
        "print(sorted({f.rule for f in r.findings}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "nesting-too-deep" in done.stdout


def test_control_characters_in_keys_never_reach_the_message() -> None:
    text = mutate("    says: Fine.", '    "\\e[2J\\e[31mboom": Fine.')
    finding = [f for f in check_text(text).findings if f.rule == "unknown-key"][0]
    assert "\x1b" not in str(finding)
    assert "\\x1b[2J" in finding.message


def test_core_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        "import ipt_roleplay.scenario.loader, ipt_roleplay.scenario.schema\n"
        "print('textual' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr


def test_over_indented_line_gets_an_indentation_hint_not_a_quoting_one() -> None:
    text = mutate("        goto: stalled_end", "          goto: stalled_end")
    finding = only(check_text(text), "yaml-syntax")
    assert finding.line == line_of(text, "          goto: stalled_end")
    assert "indented further" in finding.message


def test_unclosed_quote_points_at_the_opening_quote() -> None:
    text = mutate("says: Fine.", 'says: "Fine.')
    finding = only(check_text(text), "yaml-syntax")
    assert (finding.line, finding.col) == (line_of(text, 'says: "Fine.'), 11)
    assert "never closed" in finding.message


def test_syntax_error_does_not_also_claim_missing_keys() -> None:
    text = mutate("      - reply: Whatever.", "      - reply: Whatever.\n       goto: x")
    assert [f.rule for f in check_text(text).findings] == ["yaml-syntax"]


def test_scalar_where_a_list_is_expected_suggests_the_list() -> None:
    text = mutate("patterns: [closing_off]", "patterns: closing_off")
    assert "write it as a list: [closing_off]" in only(check_text(text), "wrong-type").message


PURE_PYTHON_CASES = [
    VALID,
    mutate("goto: stalled_end", "goto: no"),
    mutate("    says: Fine.\n", "    says: Fine.\n    says: Again.\n"),
    mutate("title: The chores argument", "title: !!python/object/apply:os.system [x]"),
    mutate("title: The chores argument", "title: &t The chores argument\nauthor: *t"),
    mutate("says: Fine.", "says: Fine: really."),
    "states: " + "[" * 5_000,
    "",
]


@pytest.mark.parametrize("text", PURE_PYTHON_CASES)
def test_pure_python_parser_gives_the_same_findings(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    import yaml

    from ipt_roleplay.scenario import yaml_reader

    with_libyaml = [(f.rule, f.line) for f in check_text(text).findings]
    monkeypatch.setattr(yaml_reader, "EventSource", yaml.SafeLoader)
    assert [(f.rule, f.line) for f in check_text(text).findings] == with_libyaml


def test_missing_libyaml_is_a_warning_not_a_failure() -> None:
    code = (
        "import yaml\n"
        "del yaml.CSafeLoader\n"
        "from ipt_roleplay.scenario.loader import check_text\n"
        "print(check_text('id: x').errors[0].rule)\n"
    )
    done = subprocess.run([sys.executable, "-W", "always", "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "missing-key"
    assert "without libyaml" in done.stderr
