"""Replies analysed per second over the dev split of tests/data/utterances.tsv.

    /work/venv/bin/python benchmarks/analyzer_throughput.py

Reports CPU time (best of several rounds), so other work on a shared machine skews the
figure less than wall-clock time would. The lexicon is compiled before the first round
(``warm_up``), as bench.py does. bench.py's target (all 340 rows) is 100,000 replies per
second.
"""

from __future__ import annotations

import time
from pathlib import Path

from ipt_roleplay.analysis.analyzer import analyze, warm_up

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "utterances.tsv"
ROUNDS = 15
PASSES_PER_ROUND = 20


def dev_replies() -> list[tuple[str, str]]:
    rows = [line.split("\t") for line in DATA.read_text(encoding="utf-8").splitlines()[1:]]
    return [(text, role) for split, role, _patterns, text in rows if split == "dev"]


def main() -> None:
    replies = dev_replies()
    warm_up()
    best = 0.0
    for _ in range(ROUNDS):
        started = time.process_time()
        for _ in range(PASSES_PER_ROUND):
            for text, role in replies:
                analyze(text, role)
        elapsed = time.process_time() - started
        best = max(best, PASSES_PER_ROUND * len(replies) / elapsed)
    print(f"{len(replies)} dev replies: {best:,.0f} replies/second ({1e6 / best:.1f} us per reply)")


if __name__ == "__main__":
    main()
