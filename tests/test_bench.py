"""The benchmark script runs and reports every figure (its numbers are not judged here:
timings on a shared machine belong in benchmarks, not in unit tests)."""

import json
import math
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
KEYS = {
    "cold_start_ratio",
    "load_1k_ratio",
    "load_10k_ratio",
    "cached_open_10k_ms",
    "choice_p95_ms",
    "choice_median_ms",
    "analyzer_per_s",
    "memory_ratio",
    "transitions_per_choice",
}


def test_quick_json_prints_every_key(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--quick", "--json"],
        capture_output=True, text=True, timeout=600,
        env={**os.environ, "IPT_ROLEPLAY_HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert KEYS <= set(figures)
    for key in KEYS:
        assert isinstance(figures[key], (int, float)) and math.isfinite(figures[key]) and figures[key] > 0
    # Structural, not a timing: one machine transition per authored reply.
    assert figures["transitions_per_choice"] == 1.0
