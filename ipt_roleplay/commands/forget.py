"""`ipt-roleplay forget SESSION_ID | --all [--yes]`: delete practice history from this computer."""

from __future__ import annotations

import argparse
import sys

from ipt_roleplay.commands.export import resolve, session_id
from ipt_roleplay.errors import UserError

NAME = "forget"
HELP = "Delete one practice session, or all of them, from this computer."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "session", type=session_id, nargs="?", metavar="SESSION_ID",
        help='the session number shown by `ipt-roleplay history`, or "last"',
    )
    parser.add_argument(
        "--all", action="store_true",
        help="delete every session, and the reports and unreadable copies kept in the data folder",
    )
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")


def run(args: argparse.Namespace) -> int:
    from ipt_roleplay.store import paths
    from ipt_roleplay.store.history import History

    if (args.session is None) == (not args.all):
        raise UserError("Say which session to forget (a number from `ipt-roleplay history`), or --all.")
    with History.open() as history:
        if history.notice():
            print(history.notice(), file=sys.stderr)
        if args.all:
            sessions = len(history.sessions())
            extra = _leftover_files(history, paths)
            what = f"all {sessions} practice session{'s' if sessions != 1 else ''}"
            if extra:
                what += f" and {len(extra)} saved file{'s' if len(extra) != 1 else ''} in {paths.data_dir()}"
            if not _confirm(args, what):
                return 1
            history.forget_all()
            for path in extra:
                path.unlink(missing_ok=True)
            print(f"Forgot {what}.")
            return 0
        number = resolve(history, args.session)
        record = history.session(number)
        what = f"session {number} ({record.scenario_title}, started {record.started_at[:10]})"
        if not _confirm(args, what):
            return 1
        history.forget(number)
        print(f"Forgot {what}.")
        return 0


def _leftover_files(history, paths) -> list:
    """Saved reports in the exports folder, and unreadable databases that were set aside."""
    found = []
    if history.path is not None:  # a SQLite file, not a PostgreSQL store
        found = sorted(history.path.parent.glob(f"{history.path.name}.unreadable-*"))
    exports = paths.exports_dir()
    if exports.is_dir():
        found += sorted(p for p in exports.iterdir() if p.is_file())
    return found


def _confirm(args: argparse.Namespace, what: str) -> bool:
    if args.yes:
        return True
    if not sys.stdin.isatty():
        raise UserError(
            f"Not deleting anything: this would delete {what}, and there is no one to ask. "
            "Add --yes to confirm."
        )
    try:
        answer = input(f"Delete {what} from this computer? This cannot be undone. [y/N] ")
    except EOFError:
        answer = ""
    if answer.strip().lower() in ("y", "yes"):
        return True
    print("Nothing was deleted.")
    return False
