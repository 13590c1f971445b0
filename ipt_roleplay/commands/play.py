"""`ipt-roleplay play FILE`: open one scenario, in the app or in line mode."""

from __future__ import annotations

import argparse
from pathlib import Path

from ipt_roleplay.commands.app import add_feedback_argument, add_mood_argument
from ipt_roleplay.errors import UserError

NAME = "play"
HELP = "Play one scenario file (in the app, or as plain text with --plain)."


def _numbers(text: str) -> list[int]:
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a list of reply numbers; write them like 2,1,1"
        ) from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a scenario YAML file")
    parser.add_argument(
        "--plain",
        action="store_true",
        help="line mode: plain text in and out, for pipes, scripts and screen readers",
    )
    parser.add_argument(
        "--watch",
        action="store_true",
        help="in the app: reload the scenario each time you save the file, keeping your place "
        "(for authors; see docs/authoring.md)",
    )
    parser.add_argument(
        "--choose",
        type=_numbers,
        default=[],
        metavar="N,N,...",
        help="with --plain: pick these reply numbers in order, then read the rest from input",
    )
    resume = parser.add_mutually_exclusive_group()
    resume.add_argument(
        "--resume",
        action="store_const",
        const=True,
        dest="resume",
        help="with --plain: carry on with the unfinished session of this scenario, if any",
    )
    resume.add_argument(
        "--fresh",
        action="store_const",
        const=False,
        dest="resume",
        help="with --plain: start afresh even if there is an unfinished session",
    )
    parser.add_argument(
        "--no-history",
        action="store_true",
        help="do not keep this session in your practice history",
    )
    add_feedback_argument(parser)
    add_mood_argument(parser)


def run(args: argparse.Namespace) -> int:
    from ipt_roleplay.commands._load import load_or_explain

    if args.choose and not args.plain:
        raise UserError("--choose works with --plain")
    if args.watch and args.plain:
        raise UserError(
            "--watch works in the app, not with --plain: line mode reads replies one line at "
            "a time and cannot reload while it waits. Leave out --plain to watch the file."
        )
    scenario = load_or_explain(args.file)
    if scenario is None:
        return 1
    if args.plain:
        from ipt_roleplay.plain import PlainOptions, play

        options = PlainOptions(
            feedback=args.feedback,
            choose=args.choose,
            resume=args.resume,
            record=not args.no_history,
            mood=not args.no_mood,
        )
        return play(scenario, str(Path(args.file).resolve()), options)
    from ipt_roleplay.tui import run_app

    return run_app(
        open_file=args.file, feedback=args.feedback, watch=args.watch, record=not args.no_history,
        mood=not args.no_mood,
    ) or 0
