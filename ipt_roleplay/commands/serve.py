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
    programme = parser.add_argument_group(
        "a training programme (accounts from `ipt-roleplay users`; see README)"
    )
    programme.add_argument(
        "--programme", action="store_true",
        help="everyone signs in; each person sees only their own practice, and supervisors "
        "see what trainees share",
    )
    programme.add_argument("--tls-cert", metavar="FILE", help="serve over HTTPS with this certificate (PEM)")
    programme.add_argument("--tls-key", metavar="FILE", help="the certificate's private key (PEM)")
    programme.add_argument(
        "--behind-proxy", action="store_true",
        help="a reverse proxy in front does HTTPS (cookies are then marked Secure, and the "
        "proxy's X-Forwarded-For gives the address of each sign-in attempt)",
    )
    programme.add_argument(
        "--session-hours", type=_hours, default=8.0, metavar="HOURS",
        help="how long a sign-in lasts (default 8)",
    )


def _hours(text: str) -> float:
    try:
        hours = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of hours") from None
    if not 0 < hours <= 24 * 30:
        raise argparse.ArgumentTypeError("give a number of hours above 0 and at most 720")
    return hours


def run(args: argparse.Namespace) -> int:
    try:
        import ipt_roleplay.serve as serve
    except ImportError as error:
        if (error.name or "").split(".")[0] in SERVE_MODULES:
            raise UserError(INSTALL_HINT) from None
        raise
    if args.programme or args.tls_cert or args.tls_key or args.behind_proxy:
        return _run_programme(args, serve)
    warning = serve.check_host(args.host, args.public)
    serve.check_scenario_dirs(args.scenarios)
    if warning:
        print(warning, file=sys.stderr, flush=True)
    return serve.run_server(args.host, args.port, args.scenarios, args.public)


def _run_programme(args: argparse.Namespace, serve) -> int:
    if not args.programme:
        raise UserError("--tls-cert, --tls-key and --behind-proxy are for --programme.")
    if args.public:
        raise UserError("--public is for serving without sign-in; leave it out with --programme.")
    if bool(args.tls_cert) != bool(args.tls_key):
        raise UserError("HTTPS needs both --tls-cert FILE and --tls-key FILE.")
    from ipt_roleplay.programme.server import check_programme_host, run_programme

    tls = (args.tls_cert, args.tls_key) if args.tls_cert else None
    check_programme_host(args.host, tls, args.behind_proxy)
    serve.check_scenario_dirs(args.scenarios)
    return run_programme(
        args.host, args.port, args.scenarios, tls=tls, behind_proxy=args.behind_proxy,
        session_hours=args.session_hours,
    )
