"""Checked scenarios kept on disk, so a large file opens at once the second time.

The key is a hash of the file's bytes together with the code that reads them, so an
edit to the file, or a new version of ipt-roleplay, misses the cache and the file is
read and checked afresh. Only files that load are kept. A cache entry that cannot be
read is ignored (and replaced): the cache can never make a file fail to open.
"""

from __future__ import annotations

import gc
from functools import lru_cache
from pathlib import Path

import msgspec

from ipt_roleplay import __version__
from ipt_roleplay.scenario.findings import CheckResult, Finding
from ipt_roleplay.scenario.model import Scenario
from ipt_roleplay.store import paths
from ipt_roleplay.store.digest import blake2b

# The loader (YAML reader, checks) is imported only on a miss: a hit needs none of it,
# and that import is a good part of opening a cached file.
MAX_BYTES = 5 * 1024 * 1024  # the loader's default; a test keeps the two equal
_SOURCES = ("model.py", "rules.py", "findings.py", "checks.py", "loader.py", "yaml_reader.py", "shape.py", "conditions.py")

_Entry = tuple[Scenario, list[Finding]]
_encoder = msgspec.msgpack.Encoder()
_decoder = msgspec.msgpack.Decoder(_Entry)


@lru_cache(maxsize=1)
def _code_salt() -> bytes:
    digest = blake2b(__version__.encode(), digest_size=16)
    folder = Path(__file__).resolve().parent.parent / "scenario"
    for name in _SOURCES:
        digest.update((folder / name).read_bytes())
    return digest.digest()


def _key(data: bytes) -> str:
    return blake2b(data, digest_size=20, key=_code_salt()).hexdigest()


def cached_check(path: str | Path, *, max_bytes: int | None = MAX_BYTES) -> CheckResult:
    """`loader.check_file`, served from the cache when this exact file was checked before."""
    name = str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
    except OSError:
        from ipt_roleplay.scenario.loader import check_file

        return check_file(path, max_bytes=max_bytes)  # it words the problem
    if max_bytes is not None and len(data) > max_bytes:
        from ipt_roleplay.scenario.loader import check_file

        return check_file(path, max_bytes=max_bytes)
    entry_path = paths.cache_dir() / "scenarios" / f"{_key(data)}.msgpack"
    try:
        blob = entry_path.read_bytes()
        # The decoded tree has no cycles; the collector would only rescan it, over and
        # over, while it is built (a 10,000-state file decodes 3x faster without it).
        collecting = gc.isenabled()  # off already while the app starts (tui.startup)
        gc.disable()
        try:
            scenario, findings = _decoder.decode(blob)
        finally:
            if collecting:
                gc.enable()
        return CheckResult(scenario, [_renamed(f, name) for f in findings])
    except (OSError, msgspec.DecodeError, msgspec.ValidationError):
        pass
    from ipt_roleplay.scenario.loader import check_bytes

    result = check_bytes(data, name, max_bytes=None)
    if result.ok:
        paths.write_cache(entry_path, _encoder.encode((result.scenario, result.findings)))
    return result


def _renamed(finding: Finding, name: str) -> Finding:
    # The same bytes may have been checked under another name.
    if finding.path == name:
        return finding
    return Finding(name, finding.line, finding.col, finding.severity, finding.message, finding.rule)
