"""`ipt-roleplay analyze`: show the communication patterns in a reply.

With TEXT, analyses that one reply. Without it, reads one reply per line from standard
input; with --json each input line gives exactly one JSON line, so outputs stay aligned
with inputs (a blank line gives an empty pattern list).
"""

from __future__ import annotations

import argparse

NAME = "analyze"
HELP = "Show the communication patterns found in a reply (one per line on stdin if no TEXT)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--role",
        choices=("client", "therapist"),
        default="client",
        help="whose reply it is: client (default) or therapist (trainee practice)",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object per reply: text, patterns (id, span, evidence)",
    )
    parser.add_argument("text", nargs="?", metavar="TEXT", help="the reply to analyse")


def run(args: argparse.Namespace) -> int:
    import sys

    from ipt_roleplay.analysis.analyzer import analyze

    _tolerate_unencodable_output()
    if args.text is not None:
        hits = analyze(args.text, args.role)
        if args.json:
            print(_as_json(args.text, hits))
        else:
            print(_as_lines(hits))
        return 0

    if sys.stdin.isatty() and not args.json:
        print("Type a reply and press Enter; Ctrl-D when you are done.", file=sys.stderr)
    for number, line in enumerate(_stdin_lines()):
        hits = analyze(line, args.role)
        if args.json:
            print(_as_json(line, hits), flush=True)
        else:
            if number:
                print()
            print(f"> {_printable(line)}")
            print(_as_lines(hits), flush=True)
    return 0


def _stdin_lines():
    import sys

    # Read bytes and decode leniently: a stray invalid byte in a paste should not stop
    # the run, and a Windows "\r\n" should not end up in the analysed text.
    source = getattr(sys.stdin, "buffer", None)
    if source is None:
        for line in sys.stdin:
            yield line.rstrip("\r\n")
        return
    for raw in source:
        yield raw.decode("utf-8", errors="replace").rstrip("\r\n")


def _as_json(text, hits) -> str:
    import json

    return json.dumps(
        {
            "text": text,
            "patterns": [
                {"id": hit.id, "span": [hit.start, hit.end], "evidence": hit.evidence} for hit in hits
            ],
        },
        ensure_ascii=False,
    )


def _as_lines(hits) -> str:
    from ipt_roleplay.analysis import taxonomy
    from ipt_roleplay.analysis.analyzer import short_evidence

    if not hits:
        return "No patterns stood out in this reply."
    lines = []
    for hit in hits:
        label = taxonomy.get(hit.id).label
        why = hit.reason.removeprefix(f"'{short_evidence(hit.evidence)}' ")
        lines.append(f'{label} ({hit.id})  "{_printable(short_evidence(hit.evidence))}"  \u2014 {why}')
    return "\n".join(lines)


def _printable(text: str) -> str:
    # Control characters (terminal escape sequences above all) are shown, not obeyed.
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def _tolerate_unencodable_output() -> None:
    import sys

    # A terminal that cannot show some character should get a stand-in, not a crash.
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(errors="backslashreplace")
        except (ValueError, OSError):  # pragma: no cover - stream already in use oddly
            pass
