"""Loading and checking a scenario, against a bare `yaml.load` of the same text.

    python benchmarks/loader_bench.py            # 1,000 and 10,000 states
    python benchmarks/loader_bench.py 500 2000   # other sizes

The budget (docs/architecture.md, issue 9): check_text at most 1.2x the bare load.
Also times the hostile inputs the loader refuses (alias bomb, deep nesting), which must
finish in well under a second.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from gen_scenario import generate  # noqa: E402

from ipt_roleplay.scenario.loader import check_text  # noqa: E402


def best_of(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def compare(states: int) -> None:
    text = generate(states)
    runs = 5 if states <= 2000 else 2
    bare = best_of(runs, lambda: yaml.load(text, Loader=yaml.CSafeLoader))  # noqa: S506 - the baseline
    result = check_text(text, max_bytes=None)
    assert result.ok and not result.findings, [str(f) for f in result.findings[:5]]
    ours = best_of(runs, lambda: check_text(text, max_bytes=None))
    print(
        f"{states:>6} states  {len(text) / 1e6:5.1f} MB  yaml.load {bare * 1000:7.0f} ms  "
        f"load+check {ours * 1000:7.0f} ms  ratio {ours / bare:.2f}"
    )


def hostile() -> None:
    bomb = "lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"lol{i}: &lol{i} [" + ", ".join([f"*lol{i - 1}"] * 9) + "]\n" for i in range(1, 10)
    )
    cases = {
        "billion laughs": bomb,
        "[ x 1,000,000": "[" * 1_000_000,
        "'- ' x 500,000": "- " * 500_000 + "x\n",
    }
    for name, text in cases.items():
        took = best_of(3, lambda text=text: check_text(text, max_bytes=None))
        rules = sorted({f.rule for f in check_text(text, max_bytes=None).findings})
        print(f"{name:>16}: {took * 1000:6.1f} ms  -> {', '.join(rules)}")


if __name__ == "__main__":
    sizes = [int(arg) for arg in sys.argv[1:]] or [1000, 10000]
    for size in sizes:
        compare(size)
    hostile()
