"""The command line: finds the subcommands and runs one. No logic of its own.

Each module in ``ipt_roleplay.commands`` is a subcommand. It defines ``NAME``, ``HELP``,
``add_arguments(parser)`` and ``run(args) -> int``, and imports anything heavy inside
``run`` so that ``--help`` and start-up stay fast. The module ``commands.app`` is what
runs when no subcommand is given.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from types import ModuleType

from ipt_roleplay import __version__, commands
from ipt_roleplay.errors import UserError

DEFAULT_COMMAND = "app"


def _command_modules() -> dict[str, ModuleType]:
    found = {}
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        found[module.NAME] = module
    return found


def build_parser(modules: dict[str, ModuleType]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ipt-roleplay",
        description="Rehearse difficult conversations, with feedback grounded in "
        "Interpersonal Psychotherapy. A practice aid, not therapy.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_database_option(parser, default=None)
    if DEFAULT_COMMAND in modules:
        modules[DEFAULT_COMMAND].add_arguments(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module in modules.items():
        if name == DEFAULT_COMMAND:
            continue
        command = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        # Accepted after the command (and its own actions) too; SUPPRESS keeps one given
        # before it.
        nested = [
            p for a in command._actions if isinstance(a, argparse._SubParsersAction)
            for p in a.choices.values()
        ]
        for each in (command, *nested):
            _add_database_option(each, default=argparse.SUPPRESS)
    return parser


def _add_database_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--database",
        metavar="URL",
        default=default,
        help="keep the practice history in this PostgreSQL database (postgresql://...) "
        "instead of this computer's own file; the same as setting IPT_ROLEPLAY_DATABASE_URL",
    )


def _use_database(url: str | None) -> None:
    """--database: set for this process and everything it starts (a server's tabs)."""
    if url is None:
        return
    from ipt_roleplay.store.backends import DATABASE_ENV, POSTGRES_SCHEMES

    if not url.startswith(POSTGRES_SCHEMES):
        # Only the scheme is repeated: the rest of an address may hold a password.
        given = f"{url.split('://')[0]}://..." if "://" in url else "a file name"
        raise UserError(
            f"--database needs a PostgreSQL address such as "
            f"postgresql://user@host/dbname, not {given}. Leave it out to keep the "
            "history in this computer's own file."
        )
    os.environ[DATABASE_ENV] = url


def main(argv: list[str] | None = None) -> int:
    modules = _command_modules()
    parser = build_parser(modules)
    args = parser.parse_args(argv)
    module = modules.get(args.command or DEFAULT_COMMAND)
    if module is None:
        parser.print_help()
        return 2
    try:
        _use_database(getattr(args, "database", None))
        return int(module.run(args) or 0)
    except UserError as error:
        print(f"ipt-roleplay: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of a pipe went away (`| head`); there is no one left to tell.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # noqa: BLE001 - no traceback ever reaches a user
        if os.environ.get("IPT_ROLEPLAY_DEBUG"):
            raise
        print(
            f"ipt-roleplay: something went wrong ({type(error).__name__}: {error}).\n"
            "Your practice history is safe. Set IPT_ROLEPLAY_DEBUG=1 to see the details.",
            file=sys.stderr,
        )
        return 1
