"""The scenarios this person can play: the bundled ones, their own folder, and any
folders they name, each file checked through the cache of checked files.

This sits above both the scenario layer (which knows files and text only) and the store
(which knows where the person's folders and the cache are); the faces read it. Nothing
here imports Textual: the app and the line mode both read the catalogue the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ipt_roleplay.scenario.library import SUFFIXES, Entry, Origin, entry_from, scenario_files
from ipt_roleplay.store.paths import scenarios_dir


def check_path(path: Path, origin: Origin, name: str | None = None) -> Entry:
    """Check one file; never raises for anything in or about the file. A file checked
    before with the same bytes comes from the cache (see store.scenario_cache)."""
    from ipt_roleplay.store.scenario_cache import cached_check

    return entry_from(path, name or str(path), origin, cached_check(path))


def bundled_entries() -> list[Entry]:
    """The scenarios shipped inside the package ``ipt_roleplay.scenarios``."""
    from importlib import resources  # here: opening one file needs none of it

    try:
        root = resources.files("ipt_roleplay.scenarios")
        items = sorted(
            (item for item in root.iterdir() if item.name.endswith(SUFFIXES) and item.is_file()),
            key=lambda item: item.name,
        )
    except (ModuleNotFoundError, OSError):
        return []
    entries = []
    for item in items:
        if isinstance(item, Path):
            entries.append(check_path(item, "bundled", item.name))
        else:  # a zipped install: check the text instead of a path
            from ipt_roleplay.scenario.loader import check_bytes

            result = check_bytes(item.read_bytes(), item.name)
            entries.append(entry_from(None, item.name, "bundled", result))
    return entries


def folder_entries(folder: Path, origin: Origin) -> list[Entry]:
    return [check_path(path, origin) for path in scenario_files(folder)]


def discover(
    extra_dirs: Iterable[Path | str] = (), *, bundled: bool = True, yours: bool = True
) -> list[Entry]:
    """Every scenario file from the bundled set, the person's folder and ``extra_dirs``,
    in that order, each folder sorted by file name. A folder listed twice is read once."""
    entries: list[Entry] = list(bundled_entries()) if bundled else []
    seen: set[Path] = set()
    sources: list[tuple[Path, Origin]] = []
    if yours:
        sources.append((scenarios_dir(), "yours"))
    sources.extend((Path(d).expanduser(), "folder") for d in extra_dirs)
    for folder, origin in sources:
        resolved = folder.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        entries.extend(folder_entries(folder, origin))
    return entries
