"""The layers of docs/architecture.md, kept: no package imports one above it, and each
outside library is imported in its one place.

Read from the source with ``ast`` (imports inside functions and ``TYPE_CHECKING`` blocks
count too: an upward import there is still a dependency a reader has to follow).
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "itsmctl"

LAYERS: list[set[str]] = [
    {"errors", "findings", "exits", "clock", "fs", "yamlio", "splice", "roundtrip", "vcs"},
    {"models", "ids", "schemas", "commits"},
    {"store"},
    {"calendar", "priority", "notify"},
    {"rules"},
    {"checks", "validation", "summary", "sla"},
    {"tickets"},
    {"escalation", "reports"},
    {"reporters"},
    {"cli", "__main__"},
]
"""Lowest first; docs/architecture.md draws the same list."""

LAYER_OF = {name: i for i, layer in enumerate(LAYERS) for name in layer}

OUTSIDE: dict[str, set[str]] = {
    "git": {"vcs.py"},
    "ruamel": {"yamlio.py", "roundtrip.py"},
    "jinja2": {"reports/render.py", "reports/sandbox.py"},
    "typer": {"cli/"},
    "click": {"cli/"},
    "rich": {"cli/", "reporters/"},
}
"""Each outside world in one place (a folder ends in ``/``)."""


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append(node.module)
        elif isinstance(node, ast.Import):
            out.extend(alias.name for alias in node.names)
    return out


def _unit(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_top_level_module_has_a_layer() -> None:
    units = {_unit(p) for p in _modules()} - {"__init__"}
    assert units <= set(LAYER_OF), f"add these to LAYERS and docs/architecture.md: {sorted(units - set(LAYER_OF))}"


def test_no_module_imports_upward_or_in_a_cycle() -> None:
    edges: set[tuple[str, str]] = set()
    upward: list[str] = []
    for path in _modules():
        unit = _unit(path)
        if unit == "__init__":
            continue
        for name in _imports(path):
            if not name.startswith("itsmctl."):
                continue
            target = name.split(".")[1]
            if target == unit or target not in LAYER_OF:
                continue
            edges.add((unit, target))
            if LAYER_OF[target] > LAYER_OF[unit]:
                upward.append(f"{path.relative_to(ROOT)} imports {name} (layer {LAYER_OF[target]} > {LAYER_OF[unit]})")
    assert not upward, "\n".join(upward)
    cycles = sorted(f"{a} <-> {b}" for a, b in edges if (b, a) in edges and a < b)
    assert not cycles, cycles


def test_each_outside_library_is_imported_in_its_one_place() -> None:
    stray: list[str] = []
    for path in _modules():
        rel = path.relative_to(PACKAGE).as_posix()
        for name in _imports(path):
            root = name.split(".")[0]
            places = OUTSIDE.get(root)
            if places and not any(rel == p or (p.endswith("/") and rel.startswith(p)) for p in places):
                stray.append(f"itsmctl/{rel} imports {name}; only {sorted(places)} may")
    assert not stray, "\n".join(stray)


def test_the_core_never_prints_or_exits() -> None:
    offenders = []
    for path in _modules():
        if _unit(path) in ("cli", "__main__"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                if isinstance(func, ast.Name) and func.id in ("print", "exit", "input"):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {func.id}()")
                if isinstance(func, ast.Attribute) and func.attr == "exit" and getattr(func.value, "id", "") == "sys":
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} sys.exit()")
    assert not offenders, offenders


def test_the_architecture_page_draws_these_layers() -> None:
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for layer in LAYERS:
        for name in sorted(layer - {"__main__"}):
            assert f"`{name}`" in page, f"docs/architecture.md does not name {name}"
