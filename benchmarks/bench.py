"""ipt-roleplay's performance figures, each measured against its floor in the same run.

    python benchmarks/bench.py            # a table, about a minute
    python benchmarks/bench.py --json     # one JSON object
    python benchmarks/bench.py --quick    # fewer repeats, for a smoke test

Ratios compare ipt-roleplay with a baseline measured moments before on the same
machine (a minimal Textual app, a bare libyaml load), so a busy or slow machine moves
both sides alike. docs/performance.md explains each figure and its target.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import contextlib
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from gen_scenario import generate  # noqa: E402

TARGETS = {
    "cold_start_ratio": ("<=", 1.15),
    "load_1k_ratio": ("<=", 1.2),
    "load_10k_ratio": ("<=", 1.2),
    "cached_open_10k_ms": ("<=", 100.0),
    "choice_p95_ms": ("<=", 8.0),
    "choice_median_ms": ("<=", 5.0),
    "busy_choice_p95_ms": ("<=", 16.0),
    "analyzer_per_s": (">=", 100_000.0),
    "memory_ratio": ("<=", 1.5),
    "transitions_per_choice": ("<=", 1.0),
}


def _median_time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
        del result  # freeing what was built is not part of the figure
    return statistics.median(times)


def _process(args: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Seconds from launching a probe process to its first drawn target screen, and the
    peak RSS (KiB) it reported then."""
    start = time.time()
    out = subprocess.run(
        [sys.executable, str(HERE / "probe.py"), *args],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    )
    drawn_at, peak_kib = out.stdout.split()[-2:]
    return float(drawn_at) - start, int(peak_kib)


def cold_start_and_memory(work: Path, repeats: int, env: dict[str, str]) -> dict[str, float]:
    # The app as installed: pip compiles its modules to bytecode at install time. In a
    # checkout (editable install), or with PYTHONDONTWRITEBYTECODE set, they would
    # otherwise be compiled afresh at every launch, which no user's launch does.
    import ipt_roleplay

    compileall.compile_dir(Path(ipt_roleplay.__file__).parent, quiet=1)
    small, large = work / "s100.yaml", work / "s1000.yaml"
    small.write_text(generate(100))
    large.write_text(generate(1000))
    ours, base, ours_mem, base_mem = [], [], [], []
    # One run of each first: the OS file cache warm for both sides alike, and the
    # parsed-scenario cache filled, as it is for anyone opening a file a second time.
    _process(["minimal"], env)
    _process(["play", str(small)], env)
    _process(["play", str(large)], env)
    for _ in range(repeats):  # interleaved, so drift in machine load hits both
        t, m = _process(["minimal"], env)
        base.append(t)
        base_mem.append(m)
        t, _ = _process(["play", str(small)], env)
        ours.append(t)
        _, m = _process(["play", str(large)], env)
        ours_mem.append(m)
    return {
        "cold_start_ratio": statistics.median(ours) / statistics.median(base),
        "cold_start_ms": statistics.median(ours) * 1000,
        "cold_start_baseline_ms": statistics.median(base) * 1000,
        "memory_ratio": statistics.median(ours_mem) / statistics.median(base_mem),
        "memory_kib": statistics.median(ours_mem),
        "memory_baseline_kib": statistics.median(base_mem),
    }


def instruction_counts(work: Path, env: dict[str, str]) -> dict[str, float]:
    """Instructions (millions, the main thread) from launch to the first drawn screen,
    ours and the minimal app's, counted by valgrind's callgrind when it is installed: the
    same code gives the same count within about 1 %, however busy the machine, where the
    wall clock moves by 10 %. Printed, not a target. Runs after cold_start_and_memory,
    whose launches have filled the caches. The main thread only: under valgrind a launch
    takes seconds, so the app's timers (the warm-up started while the intro is read) fire
    before the draw, as they never do at full speed."""
    if shutil.which("valgrind") is None:
        return {}
    counts = {}
    for name, args in (("minimal", ["minimal"]), ("ours", ["play", str(work / "s100.yaml")])):
        out = work / f"callgrind.{name}"
        subprocess.run(
            ["valgrind", "--tool=callgrind", "--separate-threads=yes", f"--callgrind-out-file={out}",
             sys.executable, str(HERE / "probe.py"), *args],
            capture_output=True, text=True, env={**env, "IPT_PROBE_LEAVE_AT_DRAW": "1"}, timeout=600, check=True,
        )
        main_thread = Path(f"{out}-01")
        totals = [line for line in main_thread.read_text().splitlines() if line.startswith(("summary:", "totals:"))]
        counts[name] = int(totals[0].split()[1]) / 1e6
    return {
        "instructions_ratio": counts["ours"] / counts["minimal"],
        "instructions_m": counts["ours"],
        "instructions_baseline_m": counts["minimal"],
    }


def load_ratios(repeats: int) -> dict[str, float]:
    from ipt_roleplay.scenario.loader import check_text

    figures = {}
    for n, key in ((1000, "load_1k_ratio"), (10_000, "load_10k_ratio")):
        text = generate(n)
        result = check_text(text, max_bytes=None)
        assert result.ok and result.scenario is not None, result.errors[:3]
        times = repeats if n < 10_000 else max(1, repeats // 3)  # a bare 10k load takes seconds
        bare = _median_time(lambda: yaml.load(text, Loader=yaml.CSafeLoader), times)
        ours = _median_time(lambda: check_text(text, max_bytes=None), times)
        figures[key] = ours / bare
        figures[key.replace("ratio", "ms")] = ours * 1000
    return figures


def cached_open(work: Path, repeats: int) -> dict[str, float]:
    from ipt_roleplay.store.scenario_cache import cached_check

    path = work / "s10000.yaml"
    path.write_text(generate(10_000))
    first = _median_time(lambda: cached_check(path, max_bytes=None), 1)
    again = _median_time(lambda: cached_check(path, max_bytes=None), repeats)
    return {"cached_open_10k_ms": again * 1000, "uncached_open_10k_ms": first * 1000}


def choice_latency(work: Path, replies: int) -> dict[str, float]:
    from ipt_roleplay.tui.app import RoleplayApp
    from ipt_roleplay.tui.screens.play import PlayScreen

    path = work / "s1000.yaml"
    samples: list[float] = []

    async def measure() -> None:
        from ipt_roleplay.catalog import check_path

        app = RoleplayApp(include_bundled=False, mood=False)
        drawn: list[float] = []
        display = app._display

        def timed_display(screen, renderable) -> None:
            # Headless, Textual still composes every frame and hands it to _display;
            # the moment it does is when a person would see the new screen.
            display(screen, renderable)
            if renderable is not None and isinstance(screen, PlayScreen):
                drawn.append(time.perf_counter())

        app._display = timed_display
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()  # let the scenario list settle first
            app.open_entry(check_path(path, "folder"))
            await pilot.pause()
            await pilot.press("enter")  # the intro's Start
            await pilot.pause()
            assert isinstance(app.screen, PlayScreen)
            while len(samples) < replies:
                session = app.screen.session
                if session.is_over:
                    app.screen.action_restart()
                    await pilot.pause()
                    continue
                key = str(len(session.options()))  # the last reply: varied paths
                turns = len(session.history)
                drawn.clear()
                start = time.perf_counter()
                await pilot.press(key)  # posts the key, then waits until the app is idle
                await pilot.pause()
                assert len(session.history) == turns + 1 and drawn, "the reply was not drawn"
                samples.append((drawn[0] - start) * 1000)

    asyncio.run(measure())
    samples.sort()
    return {
        "choice_p95_ms": samples[int(0.95 * (len(samples) - 1))],
        "choice_median_ms": statistics.median(samples),
        "choice_samples": len(samples),
    }


# A CPU-bound neighbour for busy_choice_*: it spins until bench.py stops it, and stops by
# itself if bench.py is gone (killed before it could). The marker names it in `ps`.
BUSY_MARKER = "ipt-bench-busy"
_SPIN = """
import os, sys, time
parent = os.getppid()
while os.getppid() == parent:
    until = time.perf_counter() + 0.05
    while time.perf_counter() < until:
        pass
"""


@contextlib.contextmanager
def busy_neighbour():
    """One process keeping one core busy while the block runs."""
    spinner = subprocess.Popen([sys.executable, "-c", _SPIN, f"{BUSY_MARKER}:{os.getpid()}"])
    try:
        time.sleep(0.2)  # running before the measurement starts
        yield
    finally:
        spinner.kill()
        spinner.wait()


def busy_choice_latency(work: Path, replies: int) -> dict[str, float]:
    with busy_neighbour():
        figures = choice_latency(work, replies)
    return {f"busy_{key}": value for key, value in figures.items()}


def analyzer_speed(seconds: float) -> dict[str, float]:
    # Reading the lexicon and compiling its expressions is done once per process (the
    # app does it in the background while the intro is read): timed on its own, so
    # that analyzer_per_s is the rate at which replies are analysed, not a mix of that
    # and a one-off start whose share depends on how long the loop runs.
    started = time.perf_counter()
    from ipt_roleplay.analysis.analyzer import analyze, warm_up

    warm_up()
    warm_up_ms = (time.perf_counter() - started) * 1000
    rows = []
    with open(ROOT / "tests" / "data" / "utterances.tsv", encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            row = dict(zip(header, line.rstrip("\n").split("\t")))
            rows.append((row["text"], row["role"]))
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for text, role in rows:
            analyze(text, role)
        count += len(rows)
    return {"analyzer_per_s": count / (time.perf_counter() - start), "analyzer_warm_up_ms": warm_up_ms}


def transitions_ratio() -> dict[str, float]:
    from ipt_roleplay.engine.session import Session
    from ipt_roleplay.scenario.loader import load_text

    scenario = load_text(generate(1000))
    return {"transitions_per_choice": Session(scenario).transition_count() / scenario.reply_count()}


def within(key: str, value: float) -> bool:
    op, target = TARGETS[key]
    return value <= target if op == "<=" else value >= target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke test)")
    args = parser.parse_args()
    quick = args.quick
    with tempfile.TemporaryDirectory(prefix="ipt-bench-") as tmp:
        work = Path(tmp)
        env = {**os.environ, "IPT_ROLEPLAY_HOME": str(work / "home"), "TEXTUAL_ANIMATIONS": "none"}
        os.environ.update({"IPT_ROLEPLAY_HOME": env["IPT_ROLEPLAY_HOME"]})
        figures: dict[str, float] = {}
        figures.update(transitions_ratio())
        figures.update(load_ratios(3 if quick else 7))
        figures.update(cached_open(work, 3 if quick else 10))
        figures.update(analyzer_speed(0.3 if quick else 2.0))
        figures.update(cold_start_and_memory(work, 2 if quick else 7, env))
        if not quick:
            figures.update(instruction_counts(work, env))
        figures.update(choice_latency(work, 20 if quick else 60))
        figures.update(busy_choice_latency(work, 20 if quick else 60))
    if args.json:
        print(json.dumps({k: round(v, 3) for k, v in figures.items()}))
        return 0
    print(f"{'figure':<26}{'value':>12}  {'target':<12}ok")
    for key, (op, target) in TARGETS.items():
        value = figures[key]
        print(f"{key:<26}{value:>12.3f}  {op} {target:<9}{'yes' if within(key, value) else 'NO'}")
    print()
    for key in sorted(set(figures) - set(TARGETS)):
        print(f"  {key}: {figures[key]:.3f}" if key.endswith("ratio") else f"  {key}: {figures[key]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
