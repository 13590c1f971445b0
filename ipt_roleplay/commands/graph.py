"""`ipt-roleplay graph FILE`: draw a scenario as a Mermaid or Graphviz (DOT) graph."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ipt_roleplay.errors import UserError

NAME = "graph"
HELP = "Draw a scenario as a graph (Mermaid or Graphviz DOT), with unreachable states and traps marked."

_SUFFIX_FORMATS = {".dot": "dot", ".gv": "dot", ".mmd": "mermaid", ".mermaid": "mermaid", ".md": "mermaid"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a scenario YAML file")
    parser.add_argument(
        "--format",
        choices=["mermaid", "dot"],
        default=None,
        help="mermaid (default; GitHub and many editors draw it, no install needed) or dot "
        "(for Graphviz: dot -Tsvg); -o with .dot or .gv picks dot",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write to this file instead of the screen (a .md file gets a ```mermaid block)",
    )


def run(args: argparse.Namespace) -> int:
    from ipt_roleplay.scenario import graph

    from ipt_roleplay.commands._load import load_or_explain

    scenario = load_or_explain(args.file)
    if scenario is None:
        return 1
    fmt = args.format
    if fmt is None:
        fmt = _SUFFIX_FORMATS.get(Path(args.output).suffix.lower(), "mermaid") if args.output else "mermaid"
    marks = graph.find_marks(scenario)
    text = graph.FORMATS[fmt](scenario, marks)
    if args.output and Path(args.output).suffix.lower() == ".md" and fmt == "mermaid":
        text = f"```mermaid\n{text}```\n"
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as error:
            raise UserError(f"cannot write {args.output}: {error.strerror or error}") from None
        print(f"Wrote {args.output}: {len(scenario.states)} states, {scenario.reply_count()} replies.")
    else:
        sys.stdout.write(text)
    for name, reason in marks.unreachable.items():
        print(f"Note: state '{name}' is unreachable ({reason}).", file=sys.stderr)
    for name, reason in marks.traps.items():
        print(f"Note: state '{name}' is a trap ({reason}).", file=sys.stderr)
    return 0
