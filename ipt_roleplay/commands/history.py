"""`ipt-roleplay history [--json]`: your practice so far, from the local history."""

from __future__ import annotations

import argparse
import sys

NAME = "history"
HELP = "Show your practice so far: sessions, outcomes, and the patterns in your replies."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the data as JSON, for tools")


def run(args: argparse.Namespace) -> int:
    import msgspec

    from ipt_roleplay.store.history import History
    from ipt_roleplay.store.progress import progress
    from ipt_roleplay.store.tables import progress_text

    with History.open() as history:
        if history.notice():
            print(history.notice(), file=sys.stderr)
        data = progress(history)
    if args.json:
        sys.stdout.write(msgspec.json.format(msgspec.json.encode(data).decode(), indent=2) + "\n")
    else:
        sys.stdout.write(progress_text(data))
    return 0
