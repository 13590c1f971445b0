"""The analyzer's findings, pinned: every pattern, span, evidence and reason it gives on
the labelled corpus (tests/data) and on every line of every bundled scenario.

tests/data/analyzer_golden.jsonl records what the analyzer found when it was last
deliberately changed. Moving the lexicon or speeding up the matching must not change a
single finding; a change to the cues that is meant to change findings refreshes the
record, and the diff shows exactly which findings moved:

    python tests/test_analyzer_golden.py --write

Each text is analysed for both roles, as written, without its apostrophes ("im tired",
the way people type) and with typographic apostrophes, so the offset mapping of both
normalisations is pinned too. Scenario files are read with plain PyYAML, not the
project's loader: this record is about the analyzer only.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cue_texts import replies
from ipt_roleplay.analysis import analyzer, lexicon, taxonomy
from ipt_roleplay.analysis.analyzer import analyze

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "data" / "analyzer_golden.jsonl"
ROLES = ("client", "therapist")
REFRESH = "python tests/test_analyzer_golden.py --write"


def _tsv_column(path: Path, column: str) -> Iterator[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines[0].split("\t").index(column)
    for line in lines[1:]:
        yield line.split("\t")[at]


def _scenario_lines(path: Path) -> Iterator[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for state in data["states"].values():
        yield state["says"]
        for variant in state.get("variants") or []:
            if variant.get("says"):
                yield variant["says"]
        for choice in state.get("choices") or []:
            yield choice["reply"]
            better = (choice.get("feedback") or {}).get("better")
            if better:
                yield better


def source_texts() -> list[str]:
    """Every text the record covers, in a stable order, each once."""
    texts = [
        *_tsv_column(ROOT / "tests" / "data" / "utterances.tsv", "text"),
        *_tsv_column(ROOT / "tests" / "data" / "routing.tsv", "typed"),
    ]
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        texts.extend(_scenario_lines(path))
    with_variants = []
    for text in texts:
        with_variants.append(text)
        if "'" in text:
            with_variants.append(text.replace("'", ""))
            with_variants.append(text.replace("'", "\u2019"))
    return list(dict.fromkeys(with_variants))


def findings(text: str) -> dict[str, list[list[object]]]:
    return {
        role: [[hit.id, hit.start, hit.end, hit.evidence, hit.reason] for hit in analyze(text, role)]
        for role in ROLES
    }


def _read_golden() -> dict[str, dict[str, list[list[object]]]]:
    records = {}
    for line in GOLDEN.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        records[record["text"]] = {role: record[role] for role in ROLES}
    return records


def write_golden() -> int:
    texts = source_texts()
    with GOLDEN.open("w", encoding="utf-8", newline="\n") as out:
        for text in texts:
            out.write(json.dumps({"text": text, **findings(text)}, ensure_ascii=False) + "\n")
    return len(texts)


def test_every_recorded_finding_is_unchanged() -> None:
    golden = _read_golden()
    assert len(golden) > 1000  # the record is the whole corpus, not a sample
    changed = [(text, want, got) for text, want in golden.items() if (got := findings(text)) != want]
    report = "\n".join(f"{text!r}\n  recorded {want}\n  now      {got}" for text, want, got in changed[:10])
    assert not changed, f"{len(changed)} texts analysed differently:\n{report}"


def test_the_record_covers_the_corpus_and_every_bundled_scenario() -> None:
    golden = _read_golden()
    missing = [text for text in source_texts() if text not in golden]
    assert not missing, f"{len(missing)} texts not in the record (refresh it: {REFRESH}): {missing[:5]}"


def test_the_record_holds_findings_for_both_roles() -> None:
    golden = _read_golden()
    for role in ROLES:
        assert sum(len(record[role]) for record in golden.values()) > 500, role


# --- beyond the record: the one-pass reading against searching every pattern --------


def _searching_every_pattern(text: str, role: str) -> list[analyzer.Hit]:
    """The analysis as it was done before the one-pass reading: each pattern's combined
    expression searched from the start of the reply."""
    words = analyzer._compiled(lexicon.DEFAULT_LANGUAGE)
    lowered, inserted = analyzer._with_apostrophes(words, analyzer._normalise(text))
    found = [analyzer._first_hit(words, rule, text, lowered, inserted) for rule in words.side(taxonomy.Side(role)).rules]
    hits = sorted((hit for hit in found if hit is not None), key=analyzer._text_order)
    covered = {general for hit in hits for general in words.subsumes.get(hit.id, ())}
    return [hit for hit in hits if hit.id not in covered]


_replies = replies(st.sampled_from(source_texts()), pieces=6)


@settings(max_examples=100, deadline=None)
@given(_replies, st.sampled_from(ROLES), st.sampled_from([str, str.upper, lambda t: t.replace("'", "")]))
# Each way a pattern is reached besides a word start: a cue with no readable first
# words (searched when " ever" or "deal" is there), a stage direction right after a
# word, a cue that can only open the reply.
@example("I wouldn't ever do that", "client", str)
@example("That's not a big deal, is it?", "therapist", str)
@example("ok*sighs* fine then", "client", str)
@example("[Walks out of the room]", "client", str)
@example("  yeah. fine.", "client", str)
# A contraction typed without its apostrophe: standing alone it is restored; inside
# quotes, inside a word or glued to a stage direction it is not.
@example("im sure you never listen, dont you", "client", str)
@example("'im' not sure, said him", "client", str)
@example("dont*sighs* fine", "client", str)
def test_reading_in_one_pass_finds_what_searching_every_pattern_finds(text: str, role: str, variant) -> None:
    text = variant(text)
    assert analyze(text, role) == _searching_every_pattern(text, role)


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit(f"usage: {REFRESH}")
    print(f"{write_golden()} texts recorded in {GOLDEN.relative_to(ROOT)}")
