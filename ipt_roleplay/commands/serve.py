"""`ipt-roleplay serve`: the app in a web browser, on this computer (textual-serve)."""

from __future__ import annotations

import argparse
import sys

from ipt_roleplay.errors import UserError

NAME = "serve"
HELP = "Use the app in a web browser on this computer (each tab is its own session)."

INSTALL_HINT = (
    "serving to a web browser needs textual-serve, which is not installed.\n"
    "Install it with:  pip install 'ipt-roleplay[serve]'"
)
# textual-serve and what it brings; if any is missing, the fix is the same.
SERVE_MODULES = {"textual_serve", "aiohttp", "aiohttp_jinja2", "jinja2", "yarl"}


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (try 8000)") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number from 1 to 65535")
    return port


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this computer only)",
    )
    parser.add_argument(
        "--port", type=_port, default=8000, help="port to listen on (default 8000)"
    )
    parser.add_argument(
        "--scenarios",
        metavar="DIR",
        action="append",
        default=[],
        help="also list the scenario files in DIR (may be given more than once)",
    )
    parser.add_argument(
        "--public",
        action="store_true",
        help="allow a --host that other computers can reach. There is no sign-in: "
        "anyone who can reach it can use the app and see its history",
    )


def run(args: argparse.Namespace) -> int:
    try:
        import ipt_roleplay.serve as serve
    except ImportError as error:
        if (error.name or "").split(".")[0] in SERVE_MODULES:
            raise UserError(INSTALL_HINT) from None
        raise
    warning = serve.check_host(args.host, args.public)
    serve.check_scenario_dirs(args.scenarios)
    if warning:
        print(warning, file=sys.stderr, flush=True)
    return serve.run_server(args.host, args.port, args.scenarios, args.public)
