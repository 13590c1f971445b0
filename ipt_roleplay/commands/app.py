"""`ipt-roleplay` with no command: the app, on the list of scenarios."""

from __future__ import annotations

import argparse

NAME = "app"
HELP = "Open the app on the list of scenarios (the default)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--scenarios",
        action="append",
        default=[],
        metavar="DIR",
        help="also list the scenario files in DIR (may be given more than once)",
    )
    add_feedback_argument(parser)
    add_mood_argument(parser)


def add_mood_argument(parser: argparse.ArgumentParser) -> None:
    """--no-mood, shared with `play`."""
    parser.add_argument(
        "--no-mood",
        action="store_true",
        help="do not ask how you are feeling before and after a conversation",
    )


def add_feedback_argument(parser: argparse.ArgumentParser) -> None:
    """--feedback, shared with `play`."""
    parser.add_argument(
        "--feedback",
        choices=["each", "end"],
        default="each",
        help="show feedback after each reply (default) or only at the end",
    )


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ipt_roleplay.errors import UserError

    for folder in args.scenarios:
        if not Path(folder).expanduser().is_dir():
            raise UserError(f"--scenarios {folder}: there is no folder there")
    from ipt_roleplay.tui import run_app

    return run_app(scenario_dirs=args.scenarios, feedback=args.feedback, mood=not args.no_mood)
