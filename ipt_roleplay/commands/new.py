"""`ipt-roleplay new FILE`: write a starter scenario that already plays and validates."""

from __future__ import annotations

import argparse
import os
import shlex
from pathlib import Path

from ipt_roleplay.errors import UserError

NAME = "new"
HELP = "Write a starter scenario file to edit: commented, valid, and playable as it is."

PROBLEM_AREAS = ("grief", "role_dispute", "role_transition", "interpersonal_deficits")
ROLES = ("client", "therapist")
# The schema in a source checkout; an installed package does not carry it.
REPO_SCHEMA = Path(__file__).resolve().parents[2] / "schema" / "scenario.schema.json"
SCHEMA_FILE = "scenario.schema.json"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the scenario file to create (.yaml)")
    parser.add_argument(
        "--problem-area", required=True, choices=PROBLEM_AREAS, metavar="AREA",
        help="the IPT problem area: " + ", ".join(PROBLEM_AREAS),
    )
    parser.add_argument(
        "--role", required=True, choices=ROLES,
        help="whom the person practising plays: client, or therapist (trainee mode)",
    )
    parser.add_argument("--title", help="the title shown in the scenario list (default: from the file name)")
    parser.add_argument("--force", action="store_true", help="replace FILE if it already exists")


def run(args: argparse.Namespace) -> int:
    from ipt_roleplay.scenario import starter

    path = Path(args.file)
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise UserError(f"{args.file}: scenario files end in .yaml, so the app can find them; try {args.file}.yaml")
    if path.is_dir():
        raise UserError(f"{args.file} is a folder; give the name of the file to create")
    if not path.parent.is_dir():
        raise UserError(f"the folder {path.parent} does not exist; create it first")
    title = args.title if args.title is not None else starter.title_from(path.stem)
    if not title.strip():
        raise UserError("the title is empty; give one with --title, or leave --title out")
    schema, hint = schema_reference(path)
    text = starter.starter_text(
        problem_area=args.problem_area,
        role=args.role,
        title=" ".join(title.split()),
        scenario_id=starter.scenario_id(path.stem),
        schema=schema,
        schema_hint=hint,
        file=_shown(path.name),
    )
    try:
        # "x" creates the file only if it is not there, so nothing is ever overwritten by
        # accident, even if the file appears between a check and the write.
        with open(path, "w" if args.force else "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise UserError(f"{args.file} already exists; choose another name, or add --force to replace it") from None
    except OSError as error:
        raise UserError(f"cannot write {args.file}: {error.strerror or error}") from None
    shown = shlex.quote(str(path))
    print(f"Wrote {path}: a {args.problem_area.replace('_', ' ')} scenario in which you play the {args.role}.")
    print(f"Try it now:  ipt-roleplay play {shown} --plain")
    print(f"Then edit it, and check it with:  ipt-roleplay validate {shown}")
    return 0


def schema_reference(path: Path) -> tuple[str, str]:
    """What the `$schema=` comment points at, and a hint when it cannot be a file.

    A schema file the editor can open is best: one beside the new file, else the one in
    this source checkout, as a relative path. Otherwise the schema's `$id`, with a
    comment saying how to save a copy.
    """
    from ipt_roleplay.scenario.schema import SCHEMA_ID

    folder = path.resolve().parent
    for candidate in (folder / SCHEMA_FILE, REPO_SCHEMA):
        if candidate.is_file():
            try:
                relative = os.path.relpath(candidate, folder)
            except ValueError:  # another drive on Windows
                relative = str(candidate)
            reference = Path(relative).as_posix()
            if reference.isprintable() and " " not in reference:
                return reference, ""
    hint = (
        f"# For completion in your editor: ipt-roleplay schema --output {SCHEMA_FILE}\n"
        f"# then change the first line to: # yaml-language-server: $schema={SCHEMA_FILE}\n"
    )
    return SCHEMA_ID, hint


def _shown(name: str) -> str:
    """The file name as it can appear in a comment: one printable line."""
    name = "".join(ch if ch.isprintable() else "?" for ch in name)
    return shlex.quote(name)
