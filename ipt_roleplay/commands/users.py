"""`ipt-roleplay users`: the accounts of a training programme (`serve --programme`)."""

from __future__ import annotations

import argparse
import sys

from ipt_roleplay.errors import UserError

NAME = "users"
HELP = "Add, list or remove the accounts that sign in to `serve --programme`."
ROLES = ("trainee", "supervisor", "client")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION")
    add = sub.add_parser("add", help="add an account (asks for its password)")
    add.add_argument("name", help="the name to sign in with, such as ana.silva")
    add.add_argument("--role", choices=ROLES, required=True,
                     help="trainee or client: practises; supervisor: sees what trainees share")
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from the first line of standard input (for scripts)")
    sub.add_parser("list", help="list the accounts and their roles")
    remove = sub.add_parser("remove", help="remove an account")
    remove.add_argument("name")
    remove.add_argument("--forget-practice", action="store_true",
                        help="also delete every practice session the account recorded")


def run(args: argparse.Namespace) -> int:
    from ipt_roleplay.programme.accounts import Accounts

    if args.action is None:
        raise UserError("Say what to do: `ipt-roleplay users add NAME --role trainee`, `users list` or `users remove NAME`.")
    if args.action == "add":
        from ipt_roleplay.programme.accounts import check_name, check_new_password

        check_name(args.name)
        password = check_new_password(_read_password(args.password_stdin))
        with Accounts.open() as accounts:
            account = accounts.add(args.name, args.role, password)
        print(f"Added {account.name} ({account.role}).")
        return 0
    if args.action == "list":
        with Accounts.open() as accounts:
            found = accounts.list()
        if not found:
            print("No accounts yet. Add one with: ipt-roleplay users add NAME --role trainee")
            return 0
        width = max(4, *(len(a.name) for a in found))
        print(f"  {'Name'.ljust(width)}  {'Role'.ljust(10)}  Added")
        for a in found:
            print(f"  {a.name.ljust(width)}  {a.role.ljust(10)}  {a.created_at[:10]}")
        return 0
    with Accounts.open() as accounts:
        forgotten = accounts.remove(args.name, forget_practice=args.forget_practice)
    if args.forget_practice:
        print(f"Removed {args.name} and forgot {forgotten} practice session{'s' if forgotten != 1 else ''}.")
    else:
        print(f"Removed {args.name}. Their practice sessions are kept (add --forget-practice to delete them).")
    return 0


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        password = line.rstrip("\r\n")
        if not password:
            raise UserError("--password-stdin: standard input had no password on its first line.")
        return password
    if not sys.stdin.isatty():
        raise UserError("No terminal to ask for the password on; use --password-stdin in scripts.")
    import getpass

    first = getpass.getpass("Password for the new account: ")
    if getpass.getpass("The same password again: ") != first:
        raise UserError("The two passwords were not the same; nothing was added.")
    return first
