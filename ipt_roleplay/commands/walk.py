"""`ipt-roleplay walk FILE`: every route through a scenario, with meters and conditions."""

from __future__ import annotations

import argparse
import json
import shlex
import sys

from ipt_roleplay.errors import UserError

NAME = "walk"
HELP = (
    "Explore every route through a scenario (meters and conditions applied): how many reach "
    "each ending, what can never be reached, where a person gets stuck, and loops."
)
LIST_LIMIT = 15
# The same as scenario.walk's defaults (a test keeps them equal); written out here so
# that building the command line does not import the walker.
DEFAULT_MAX_PATHS = 10_000
DEFAULT_MAX_DEPTH = 1_000


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a scenario YAML file")
    parser.add_argument(
        "--max-paths",
        type=_positive,
        default=DEFAULT_MAX_PATHS,
        metavar="N",
        help=f"when loops make routes endless, stop listing them after N (default {DEFAULT_MAX_PATHS:,}); "
        "without repeatable loops every route is counted exactly",
    )
    parser.add_argument(
        "--max-depth",
        type=_positive,
        default=DEFAULT_MAX_DEPTH,
        metavar="N",
        help=f"follow a route for at most N replies (default {DEFAULT_MAX_DEPTH:,})",
    )
    parser.add_argument(
        "--random",
        type=_positive,
        metavar="K",
        help="instead, take K random walks (a sample, for scenarios too large to explore)",
    )
    parser.add_argument("--seed", type=int, metavar="S", help="with --random: the seed (default 0)")
    parser.add_argument("--format", choices=["text", "json"], default="text", help="text (default) or json")


def run(args: argparse.Namespace) -> int:
    from ipt_roleplay.commands._load import load_or_explain
    from ipt_roleplay.scenario import walk

    if args.seed is not None and args.random is None:
        raise UserError("--seed goes with --random K")
    scenario = load_or_explain(args.file)
    if scenario is None:
        return 1
    if args.random is not None:
        report = walk.random_walks(
            scenario, args.random, seed=args.seed or 0, max_depth=args.max_depth
        )
    else:
        report = walk.walk(scenario, max_paths=args.max_paths, max_depth=args.max_depth)
    if args.format == "json":
        data = walk.as_dict(report)
        data["file"] = args.file
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(as_text(report, args.file))
    return 0


def count(n: int) -> str:
    """Whole numbers with commas; astronomically large ones as a power of ten."""
    if n < 10**15:
        return f"{n:,}"
    digits = str(n)
    return f"about {digits[0]}.{digits[1]}×10^{len(digits) - 1}"


def _plural(n: int, word: str) -> str:
    if n == 1:
        return f"1 {word}"
    return f"{count(n)} " + (word[:-1] + "ies" if word.endswith("y") and word != "way" else word + "s")


def _choose(route: list[int]) -> str:
    if not route:
        return "no replies: it starts here"
    if len(route) > 30:
        return "the route is in --format json"
    return "--choose " + ",".join(map(str, route))


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 0.01 else f"{seconds * 1000:,.0f} ms"


def _span(low: int | None, high: int | None) -> str:
    if low is None or high is None:
        return ""
    return _plural(low, "reply") if low == high else f"{low} to {high} replies"


def _listed(lines: list[str]) -> list[str]:
    shown = [f"  {line}" for line in lines[:LIST_LIMIT]]
    if len(lines) > LIST_LIMIT:
        shown.append(f"  …and {len(lines) - LIST_LIMIT} more (--format json lists them all).")
    return shown


def as_text(report, file: str) -> str:
    random = report.mode == "random"
    unit = "walk" if random else "path"
    title = report.scenario.title
    out = []
    if random:
        seed = report.seed if report.seed is not None else 0
        out.append(
            f"{title}: {_plural(report.walks, 'random walk')} (seed {seed}), "
            f"{_ms(report.seconds)}. A sample, not proof: a rare route may be missed."
        )
    else:
        explored = "every route explored" if report.complete else "explored in part"
        out.append(
            f"{title}: {explored} ({_plural(report.moments, 'moment')}, "
            f"each a state with its meter values; {_ms(report.seconds)})."
        )
    out.append("")
    if random:
        out.append(f"Endings ({_plural(report.total_paths, 'walk')} reached one):")
    elif report.exact:
        out.append(f"Endings ({_plural(report.total_paths, 'path')} in all, counted exactly):")
    else:
        out.append(f"Endings (at least {_plural(report.total_paths, 'path')}: {report.cut_reason}):")
    for e in report.endings:
        name = f"{e.state_id} ({e.outcome})"
        if e.paths == 0:
            out.append(f"  {name}: no {unit} reaches it: {e.reason}.")
            continue
        at_least = "" if report.exact or random else "at least "
        span = _span(e.shortest, e.longest)
        if not report.exact and not random and e.shortest != e.longest:
            span = f"{_plural(e.shortest or 0, 'reply')} or more (the longest found: {count(e.longest or 0)})"
        out.append(f"  {name}: {at_least}{_plural(e.paths, unit)}, {span}. Shortest: {_choose(e.example or [])}")
    out.append("")
    if report.shortest:
        out.append(
            f"Shortest {unit}: {_plural(report.shortest.length, 'reply')}, to {report.shortest.ending} "
            f"({_choose(report.shortest.choose)})."
        )
    if report.longest:
        qualifier = "" if report.longest_exact else " found"
        out.append(
            f"Longest {unit}{qualifier}: {_plural(report.longest.length, 'reply')}, to {report.longest.ending} "
            f"({_choose(report.longest.choose)})."
        )
    if random and report.walks_cut:
        out.append(f"{_plural(report.walks_cut, 'walk')} stopped at --max-depth before an ending.")
    if not random:
        loops = [
            f"{_names(loop.states)}: "
            + ("can be gone round endlessly" if loop.endless else "can be gone round a limited number of times")
            + ("" if loop.exit else "; no way out to an ending")
            for loop in report.loops
        ]
        out += _section("Loops a person can go round", loops)
    unreached_title = "States no walk visited" if random else "States no path reaches"
    out += _section(unreached_title, [f"{u.state_id}: {u.reason}." for u in report.unreached_states])
    if not random:
        out += _section(
            "Replies never offered",
            [
                f"{n.state_id}, reply {n.choice_index + 1} (\"{_short(n.reply)}\", when {n.when}): {n.reason}."
                for n in report.never_offered
            ],
        )
    out += _section(
        "Places where a person gets stuck",
        [
            f"{s.state_id} with {_meters(s.meters)}: {s.reason} ({_choose(s.route)})."
            for s in report.stuck
        ],
    )
    if not random:
        out += _section("Traps", [f"{t.state_id}: {t.reason}." for t in report.traps])
    example = report.shortest.choose if report.shortest else None
    if example:
        out.append("")
        out.append(
            "To play a path: ipt-roleplay play "
            f"{shlex.quote(file)} --plain --choose {','.join(map(str, example))}"
        )
    return "\n".join(out) + "\n"


def _names(states: list[str]) -> str:
    if len(states) == 1:
        return f"{states[0]} back to itself"
    shown = states[:8] + ([f"{len(states) - 8} more"] if len(states) > 8 else [])
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def _section(title: str, lines: list[str]) -> list[str]:
    if not lines:
        return [f"{title}: none."]
    return [f"{title}:", *_listed(lines)]


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def _meters(meters: dict[str, int]) -> str:
    return ", ".join(f"{name} {value}" for name, value in meters.items()) or "no meters"
