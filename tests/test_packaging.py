"""What `pip install .` (not editable) ships: every package of the source tree."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_on_disk_is_listed_in_pyproject() -> None:
    # The list in pyproject.toml is explicit (the bundled scenarios are mapped in from the
    # top of the repository); an editable install finds a package missing from it, a real
    # install does not, so a forgotten entry would only show on a user's machine.
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"]) - {"ipt_roleplay.scenarios"}
    # Any folder of Python modules counts, with or without an __init__.py.
    on_disk = {
        ".".join(module.parent.relative_to(ROOT).parts)
        for module in (ROOT / "ipt_roleplay").rglob("*.py")
        if "__pycache__" not in module.parts
    }
    assert listed == on_disk
