"""Loading a scenario for a command, saying plainly why when it does not load.

Not a subcommand (the leading underscore keeps the dispatcher away from it).
"""

from __future__ import annotations

import sys

from ipt_roleplay.errors import UserError


def load_or_explain(path: str):
    """The scenario, or None after printing every finding and how to list them again."""
    from ipt_roleplay.scenario.loader import ScenarioError, load_scenario

    try:
        return load_scenario(path)
    except ScenarioError as error:
        for finding in error.findings:
            print(finding, file=sys.stderr)
        print(
            f"ipt-roleplay: {path} has problems to fix first "
            f"(`ipt-roleplay validate {path}` lists them all).",
            file=sys.stderr,
        )
        return None
    except OSError as error:
        raise UserError(f"cannot open {path}: {error.strerror or error}") from None
