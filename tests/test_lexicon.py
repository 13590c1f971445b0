"""The lexicon as a data file: the bundled files load, a new language is a new file, and
every kind of mistake in a file is one clear message with its line and column."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ipt_roleplay.analysis import lexicon, taxonomy
from ipt_roleplay.analysis.analyzer import analyze
from ipt_roleplay.analysis.lexicon import LexiconError, read_text
from ipt_roleplay.errors import UserError

# The smallest useful lexicon; each case below breaks one thing in it.
GOOD = """\
language: en
negation: 'not $'
sentence_lead: '^'
pieces:
  subj: [you, he]
cues:
  blaming:
    - regex: '\\b{subj} never\\b'
      reason: "'{e}' blames"
      negatable: true
"""


def test_a_small_lexicon_reads_with_its_pieces_filled_in() -> None:
    words = read_text(GOOD, "small.yaml")
    assert words.language == "en"
    (cue,) = words.cues["blaming"]
    assert cue.regex == r"\b(?:you|he) never\b"
    assert cue.reason == "'{e}' blames"
    assert cue.negatable and not cue.at_sentence_start
    assert words.apostrophe_free == () and words.subsumes == {}


def test_every_bundled_lexicon_loads_under_its_own_language() -> None:
    assert "en" in lexicon.languages()
    for language in lexicon.languages():
        words = lexicon.load(language)
        assert words.language == language
        assert set(words.cues) <= taxonomy.IDS
        assert all(words.cues.values())


def test_the_english_lexicon_covers_every_pattern_of_the_taxonomy() -> None:
    assert set(lexicon.load("en").cues) == taxonomy.IDS


def test_the_lexicon_is_read_once() -> None:
    assert lexicon.load("en") is lexicon.load("en")


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("language: en\ncues: [\n", "line 3, column 1", "not readable as YAML"),
        (GOOD.replace("cues:", "cue:"), "line 6, column 1", "unknown key 'cue'"),
        (GOOD.replace("negation: 'not $'\n", ""), "line 1, column 1", "missing 'negation'"),
        (GOOD.replace("blaming:", "blamming:"), "line 7, column 3", "'blamming' is not a pattern id"),
        (GOOD.replace("never\\b", "(?:never\\b"), "line 8, column 14", "not a valid regular expression: missing )"),
        (GOOD.replace("never\\b", "(never)"), "line 8, column 14", "capturing group"),
        (GOOD.replace("{subj}", "{subject}"), "line 8, column 14", "{subject} is not a piece of this lexicon (pieces: subj)"),
        (GOOD.replace("[you, he]", "[you, '{subj}']"), "line 5, column 9", "the piece 'subj' uses itself (subj -> subj)"),
        (GOOD.replace("'{e}' blames", "'{e}' blames {person}"), "line 9, column 15", "not {person}"),
        (GOOD.replace("negatable: true", "negatable: sometimes"), "line 10, column 18", "negatable should be true or false"),
        (GOOD.replace("never", "Never"), "line 8, column 14", "capital letters"),
        (GOOD.replace("never", "won\u2019t"), "line 8, column 14", "typographic apostrophe"),
        (GOOD.replace("reason: \"'{e}' blames\"", "reason: yes"), "line 9, column 15", "'yes' reads as another kind of value; put it in quotes"),
        (GOOD + "  blaming:\n    - regex: x\n      reason: y\n", "line 11, column 3", "'blaming' appears twice in cues (first on line 7)"),
        (GOOD.replace("      negatable: true\n", "      negatable: true\n      weight: 2\n"), "line 11, column 7", "unknown key 'weight' in a cue of blaming"),
        (GOOD + "apostrophe_free: [dont]\n", "line 11, column 19", "'dont' in apostrophe_free should be one lowercase word"),
        (GOOD + "subsumes:\n  blaming: [absolutely]\n", "line 12, column 13", "'absolutely' is not a pattern id"),
        (GOOD.replace("language: en", "language: English"), "line 1, column 11", "not a language code"),
        (GOOD.replace("  blaming:\n", "  blaming: []\n").split("    - regex")[0], "line 7, column 12", "should be a list of cues"),
        ("", "", "the lexicon is empty"),
    ],
)
def test_a_mistake_is_one_message_with_file_line_and_column(text: str, where: str, message: str) -> None:
    with pytest.raises(LexiconError) as caught:
        read_text(text, "xx.yaml")
    said = str(caught.value)
    assert said.startswith("xx.yaml" + (f", {where}: " if where else ": ")), said
    assert message in said, said
    assert isinstance(caught.value, UserError)  # the CLI shows it without a traceback


def test_an_unknown_or_unsafe_language_is_a_clear_error() -> None:
    with pytest.raises(LexiconError, match=r"no lexicon for 'zz' \(there is: .*en"):
        lexicon.load("zz")
    with pytest.raises(LexiconError, match="not a language code"):
        lexicon.load("../../etc/passwd")
    with pytest.raises(LexiconError, match="no lexicon for 'zz'"):
        analyze("You never listen", language="zz")


def test_a_translation_is_one_more_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(lexicon.LEXICONS / "en.yaml", tmp_path / "en.yaml")
    (tmp_path / "de.yaml").write_text(
        "language: de\n"
        "negation: '\\bnicht\\s+$'\n"
        "sentence_lead: '(?:^|[.!?])\\s*'\n"
        "cues:\n"
        "  blaming:\n"
        "    - regex: '\\bdu (?:hörst )?nie\\b'\n"
        "      reason: \"'{e}' macht Vorwürfe\"\n"
        "      negatable: true\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(lexicon, "LEXICONS", tmp_path)
    try:
        assert lexicon.languages() == ("de", "en")
        (hit,) = analyze("Also, du hörst nie zu.", language="de")
        assert (hit.id, hit.evidence, hit.reason) == ("blaming", "du hörst nie", "'du hörst nie' macht Vorwürfe")
        assert analyze("You never listen.", language="de") == []
    finally:
        lexicon.load.cache_clear()


def test_a_file_says_its_own_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "fr.yaml").write_text(GOOD, encoding="utf-8")
    monkeypatch.setattr(lexicon, "LEXICONS", tmp_path)
    try:
        with pytest.raises(LexiconError, match="says it is for 'en', but its name is fr.yaml"):
            lexicon.load("fr")
    finally:
        lexicon.load.cache_clear()


def test_checking_a_file_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(GOOD.replace("{subj}", "{who}"), encoding="utf-8")
    assert lexicon.main([str(lexicon.LEXICONS / "en.yaml")]) == 0
    assert "all readable" in capsys.readouterr().out
    assert lexicon.main([str(broken)]) == 1
    assert f"{broken}, line 8, column 14: {{who}} is not a piece" in capsys.readouterr().err
    assert lexicon.main([str(tmp_path / "missing.yaml")]) == 1
    assert "cannot read the lexicon" in capsys.readouterr().err


def test_the_example_in_the_docs_is_a_working_lexicon() -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "lexicon.md").read_text(encoding="utf-8")
    example = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    words = read_text(example, "docs/lexicon.md")
    assert [cue.regex for cue in words.cues["blaming"]] == [r"\b(?:you|he|she|they) never\b", r"\badmit it\b"]
