"""`ipt-roleplay programme`: a supervisor's report and settings for a training programme."""

from __future__ import annotations

import argparse

from ipt_roleplay.errors import UserError

NAME = "programme"
HELP = "A training programme's report of shared practice, and its settings (for supervisors)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION")
    report = sub.add_parser(
        "report", help="each trainee's and client's shared sessions, outcomes and patterns"
    )
    report.add_argument("--format", choices=["html", "csv"], default="html",
                        help="html (one printable file, the default) or csv (for a spreadsheet)")
    report.add_argument("-o", "--output", metavar="FILE",
                        help="write to FILE (readable only by you) instead of printing")
    share = sub.add_parser(
        "share-by-default",
        help="whether new sessions start shared with supervisors (each person can still change it)",
    )
    share.add_argument("setting", choices=["on", "off"])


def run(args: argparse.Namespace) -> int:
    from ipt_roleplay.commands.export import write_report
    from ipt_roleplay.programme import oversight
    from ipt_roleplay.programme.accounts import Accounts
    from ipt_roleplay.store.history import SHARE_DEFAULT_SETTING

    if args.action is None:
        raise UserError("Say what to do: `ipt-roleplay programme report` or `programme share-by-default on|off`.")
    with Accounts.open() as accounts:
        if args.action == "share-by-default":
            accounts.set_setting(SHARE_DEFAULT_SETTING, "1" if args.setting == "on" else "0")
            state = "start shared with supervisors" if args.setting == "on" else "start unshared"
            print(f"New practice sessions now {state}. Each person can change it for any session.")
            return 0
        text = oversight.render(oversight.overview(accounts.db), args.format)
    return write_report(text, args.output, args.format)
