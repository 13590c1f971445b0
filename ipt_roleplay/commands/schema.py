"""`ipt-roleplay schema`: print the JSON Schema of scenario files (for editor completion)."""

from __future__ import annotations

import argparse

NAME = "schema"
HELP = "Print the JSON Schema of scenario files, for completion and checking in editors."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the schema to FILE instead of printing it",
    )


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ipt_roleplay.errors import UserError
    from ipt_roleplay.scenario.schema import render

    text = render()
    if args.output is None:
        print(text, end="")
        return 0
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as error:
        raise UserError(f"could not write {args.output}: {error.strerror or error}") from None
    return 0
