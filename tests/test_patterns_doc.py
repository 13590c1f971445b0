"""docs/communication-patterns.md is generated from the taxonomy and must match it."""

from __future__ import annotations

import msgspec
import subprocess
import sys
from pathlib import Path

import pytest

from ipt_roleplay.analysis import patterns_doc, taxonomy

DOC = Path(__file__).resolve().parent.parent / "docs" / "communication-patterns.md"


@pytest.fixture(scope="module")
def page() -> str:
    return patterns_doc.render()


def test_committed_doc_matches_the_taxonomy(page: str) -> None:
    committed = DOC.read_text(encoding="utf-8")
    assert committed == page, f"docs/communication-patterns.md is stale: run `{patterns_doc.COMMAND}`"


def test_every_pattern_has_an_anchor_a_table_row_and_its_text(page: str) -> None:
    for p in taxonomy.PATTERNS:
        assert page.count(f'<a id="{p.id}"></a>') == 1, p.id
        assert f"]({'#' + p.id}) | `{p.id}` | {p.polarity.value} |" in page, p.id
        assert f"### {p.label}\n" in page, p.id
        for text in (p.definition, p.grounding, p.try_instead, *p.examples):
            assert text in page, (p.id, text)


def test_sections_follow_the_taxonomy_order(page: str) -> None:
    positions = [page.index(f'<a id="{p.id}"></a>') for p in taxonomy.PATTERNS]
    assert positions == sorted(positions)
    client_end = page.index("\n## Therapist replies")
    assert all(page.index(f'<a id="{i}"></a>') < client_end for i in taxonomy.CLIENT_IDS)
    assert all(page.index(f'<a id="{i}"></a>') > client_end for i in taxonomy.THERAPIST_IDS)


def test_intro_lists_the_five_ipt_communication_problems_in_order(page: str) -> None:
    intro = page[: page.index("## Quick reference")]
    for n, pid in enumerate(taxonomy.IPT_COMMUNICATION_PROBLEMS, start=1):
        assert f"{n}. **{taxonomy.get(pid).label}** (`{pid}`)" in intro
    assert "6. **" not in intro


def test_render_follows_a_change_in_the_taxonomy(monkeypatch: pytest.MonkeyPatch) -> None:
    first = taxonomy.PATTERNS[0]
    changed = msgspec.structs.replace(first, definition="A definition with a | pipe in it.")
    monkeypatch.setattr(taxonomy, "PATTERNS", (changed, *taxonomy.PATTERNS[1:]))
    page = patterns_doc.render()
    assert "A definition with a \\| pipe in it. |" in page  # escaped in the table
    assert "\nA definition with a | pipe in it.\n" in page  # plain in the section
    assert first.definition not in page


def test_module_prints_the_page() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "ipt_roleplay.analysis.patterns_doc"],
        capture_output=True, text=True, encoding="utf-8", check=True,
    ).stdout
    assert out == patterns_doc.render()
