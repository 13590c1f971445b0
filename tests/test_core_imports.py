"""The rules of docs/architecture.md: the core never imports Textual (the line mode, the
CLI tools and the tests stay light), no room of the core reaches up into a room above it,
and no module imports itself back through others."""

from __future__ import annotations

import ast
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import ipt_roleplay

CORE = [
    "ipt_roleplay.scenario.loader",
    "ipt_roleplay.scenario.library",
    "ipt_roleplay.catalog",
    "ipt_roleplay.engine.session",
    "ipt_roleplay.engine.summary",
    "ipt_roleplay.engine.replay",
    "ipt_roleplay.scenario.watch",
    "ipt_roleplay.analysis.analyzer",
    "ipt_roleplay.store",
    "ipt_roleplay.store.history",
    "ipt_roleplay.store.recorder",
    "ipt_roleplay.store.report",
    "ipt_roleplay.practice.recording",
    "ipt_roleplay.practice.offer",
    "ipt_roleplay.practice.words",
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


# --- which way the arrows point ---------------------------------------------------------

PACKAGE = Path(ipt_roleplay.__file__).parent

# Each core room and the rooms it may import from (lazily or not). Data flows down: a
# room never reaches up. Faces (tui, plain, serve, commands, cli, and any new one) may
# import any room. `errors`, `care` and the package itself (its version) are for all.
SHARED = {"ipt_roleplay", "errors", "care"}
MAY_IMPORT = {
    "analysis": set(),
    "scenario": {"analysis"},  # files and text only: no store, no engine
    "engine": {"scenario", "analysis"},
    "store": {"scenario", "analysis"},
    "catalog": {"scenario", "store"},
    "practice": {"catalog", "engine", "scenario", "store", "analysis"},
}


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = ["ipt_roleplay", *path.relative_to(PACKAGE).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _import_nodes(body: list[ast.stmt]):
    """Every import statement, in functions too (a lazy import is still an arrow), but
    not those under ``if TYPE_CHECKING:``, which never run."""
    for node in body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from _import_nodes(node.orelse)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        else:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.stmt):
                    yield from _import_nodes([child])
            for handler in getattr(node, "handlers", ()):  # except blocks are not statements
                yield from _import_nodes(handler.body)


def import_graph() -> dict[str, set[str]]:
    """Which ipt_roleplay modules each ipt_roleplay module imports."""
    known = modules()
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8")).body):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names if alias.name in known)
                continue
            base = importlib.util.resolve_name("." * node.level + (node.module or ""), package)
            if base != "ipt_roleplay" and not base.startswith("ipt_roleplay."):
                continue
            for alias in node.names:
                full = f"{base}.{alias.name}"
                targets.add(full if full in known else base)
        graph[name] = targets - {name}
    return graph


def room(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def test_the_graph_sees_lazy_imports_and_skips_type_checking_ones():
    graph = import_graph()
    assert "ipt_roleplay.store.scenario_cache" in graph["ipt_roleplay.catalog"]  # inside a function
    assert "ipt_roleplay.scenario.model" not in graph["ipt_roleplay.practice.offer"]  # TYPE_CHECKING only


def test_no_room_of_the_core_reaches_up():
    reaching_up = [
        f"{module} imports {target}"
        for module, targets in import_graph().items()
        if room(module) in MAY_IMPORT
        for target in sorted(targets)
        if room(target) not in MAY_IMPORT[room(module)] | SHARED | {room(module)}
    ]
    assert reaching_up == []


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of more than one module that import each other round, each sorted
    (Tarjan's algorithm, the one `scenario.walk` uses for traps)."""
    from ipt_roleplay.scenario.moments import strongly_connected

    groups = strongly_connected(sorted(graph), lambda module: sorted(graph.get(module, ())))  # type: ignore[arg-type]
    return sorted(sorted(group) for group in groups if len(group) > 1)


def test_cycles_are_found():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert import_cycles(graph) == [["a", "b", "c"]]
    assert import_cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_loops():
    # Lazy imports count: a loop through a function is still a loop for a reader.
    assert import_cycles(import_graph()) == []


def test_findings_import_nothing_above_them():
    graph = import_graph()
    assert graph["ipt_roleplay.scenario.rules"] == set()
    assert graph["ipt_roleplay.scenario.findings"] == {"ipt_roleplay.scenario.rules"}


def test_the_rooms_table_in_the_architecture_doc_is_the_rule():
    doc = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z_]+)(?:/|\.py)` \| .+ \| ([a-z, ]+) \|$", doc, re.M)
    documented = {name: set() if may == "nothing" else set(may.split(", ")) for name, may in rows}
    assert documented == MAY_IMPORT
