"""`ipt-roleplay review [SESSION|last] [--plain]`: look back on a conversation together."""

from __future__ import annotations

import argparse
import sys

from ipt_roleplay.commands.export import session_id

NAME = "review"
HELP = (
    "Look back on one exchange of a practice session: what you meant, felt and hoped, "
    "what else you could have said; then rehearse it again from that moment."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "session", type=session_id, nargs="?", default="last", metavar="SESSION",
        help='the session number shown by `ipt-roleplay history`, or "last" (the default)',
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help="line mode: one question per line on stdin and stdout, for screen readers and scripts",
    )
    parser.add_argument(
        "--scenarios",
        action="append",
        default=[],
        metavar="DIR",
        help="also look for the session's scenario in DIR, if its file has moved",
    )


def run(args: argparse.Namespace) -> int:
    if args.plain:
        from ipt_roleplay.plain_review import review

        return review(args.session, folders=args.scenarios)
    from ipt_roleplay.review import resolve_session
    from ipt_roleplay.store.history import History

    with History.open() as history:
        # Said here: the app opens the history afresh, after this has been put right.
        if history.notice():
            print(history.notice(), file=sys.stderr)
        number = resolve_session(history, args.session)
        history.session(number)  # an unknown number is said here, not inside the app
    from ipt_roleplay.tui import run_app

    return run_app(scenario_dirs=args.scenarios, review=number) or 0
