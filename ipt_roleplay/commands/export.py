"""`ipt-roleplay export SESSION_ID --format md|html [-o FILE]`: a report to share."""

from __future__ import annotations

import argparse
import sys

from ipt_roleplay.errors import UserError

NAME = "export"
HELP = "Write a one-page report of a practice session, to share with your therapist."


def session_id(text: str) -> int | str:
    """A session number from `ipt-roleplay history`, or "last" for the most recent."""
    if text.lower() in ("last", "latest"):
        return "last"
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a session number; `ipt-roleplay history` lists them"
        ) from None
    if number < 1:
        raise argparse.ArgumentTypeError("session numbers start at 1")
    return number


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "session", type=session_id, metavar="SESSION_ID",
        help='the session number shown by `ipt-roleplay history`, or "last"',
    )
    parser.add_argument(
        "--format", choices=["md", "html"], default="md",
        help="md (Markdown, the default) or html (one printable file)",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE",
        help="write to FILE (readable only by you) instead of printing",
    )


def run(args: argparse.Namespace) -> int:
    from ipt_roleplay.store.history import History
    from ipt_roleplay.store.report import build_report, render

    with History.open() as history:
        if history.notice():
            print(history.notice(), file=sys.stderr)
        number = resolve(history, args.session)
        text = render(build_report(history, number), args.format)
    return write_report(text, args.output, args.format)


def write_report(text: str, output: str | None, fmt: str) -> int:
    """Print ``text``, or write it to the file ``output`` (mode 0600)."""
    from pathlib import Path

    from ipt_roleplay.store.paths import write_private

    if output is None:
        sys.stdout.write(text)
        return 0
    target = Path(output)
    if target.is_dir():
        example = target / f"report.{fmt}"
        raise UserError(f"{target} is a folder; give a file name, such as {example}")
    try:
        write_private(target, text)
    except OSError as error:
        raise UserError(f"cannot write {target}: {error.strerror or error}") from None
    print(f"Saved the report to {target} (only you can read it).", file=sys.stderr)
    return 0


def resolve(history, wanted: int | str) -> int:
    if wanted != "last":
        return int(wanted)
    latest = history.latest_session_id()
    if latest is None:
        raise UserError("There are no practice sessions yet, so there is nothing to export.")
    return latest
