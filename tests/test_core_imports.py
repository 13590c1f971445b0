"""The core never imports Textual: the line mode, the CLI tools and the tests stay light,
and the rule in docs/architecture.md stays true."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

CORE = [
    "ipt_roleplay.scenario.loader",
    "ipt_roleplay.scenario.library",
    "ipt_roleplay.engine.session",
    "ipt_roleplay.engine.summary",
    "ipt_roleplay.engine.replay",
    "ipt_roleplay.scenario.watch",
    "ipt_roleplay.analysis.analyzer",
    "ipt_roleplay.store",
    "ipt_roleplay.store.history",
    "ipt_roleplay.store.recorder",
    "ipt_roleplay.store.report",
    "ipt_roleplay.store.lookback",
    "ipt_roleplay.engine.lookback",
    "ipt_roleplay.review",
    "ipt_roleplay.plain_review",
]


def test_core_does_not_import_textual():
    present = [name for name in CORE if importlib.util.find_spec(name) is not None]
    code = (
        "import importlib, sys\n"
        f"for name in {present!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]", result.stdout


def test_importing_the_app_package_does_not_load_textual():
    # `ipt_roleplay.tui.run_app` is imported by the play command; Textual should load
    # only when the app actually runs.
    code = "import sys, ipt_roleplay.tui; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
