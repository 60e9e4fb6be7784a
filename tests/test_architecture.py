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
    {
        "errors",
        "findings",
        "exits",
        "clock",
        "fs",
        "yamlio",
        "splice",
        "roundtrip",
        "vcs",
        "revisions",
        "escape",
        "cache",
    },
    {"models", "ids", "schemas", "commits"},
    {"store"},
    {"calendar", "priority", "notify"},
    {"rules"},
    {"checks", "validation", "summary", "sla", "review", "merge", "ops"},
    {"tickets", "importers", "cmdb", "editing", "quality", "releases"},
    {"escalation", "reports", "scaffold", "export"},
    {"reporters", "office"},
    {"cli", "__main__"},
]
"""Lowest first; docs/architecture.md draws the same list."""

LAYER_OF = {name: i for i, layer in enumerate(LAYERS) for name in layer}

OUTSIDE: dict[str, set[str]] = {
    "git": {"vcs/"},
    "ruamel": {"yamlio/", "roundtrip.py"},
    "jinja2": {"reports/render.py", "reports/sandbox.py"},
    "typer": {"cli/"},
    "click": {"cli/"},
    "rich": {"cli/", "reporters/"},
    "docx": {"office/"},
    "matplotlib": {"office/"},
    "markdown_it": {"office/"},
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


# --- output safety: one escaping function per destination (itsmctl/escape.py) -----------

JSON_WRITERS = {"escape.py", "schemas.py"}
"""``json.dumps`` only in the escape module (``json_text``) and the schema export (model text only)."""


def _calls(path: Path) -> list[ast.Call]:
    return [n for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(n, ast.Call)]


def test_every_reporter_escapes_through_the_one_module() -> None:
    """A reporter writes text from records and file names: it must take it through ``itsmctl.escape``."""
    missing = [
        str(path.relative_to(ROOT))
        for path in _modules()
        if _unit(path) == "reporters"
        and path.name != "__init__.py"
        and not any(name == "itsmctl.escape" or name.startswith("itsmctl.escape.") for name in _imports(path))
    ]
    assert not missing, f"import itsmctl.escape and escape every text: {missing}"


def test_json_is_written_by_json_text_only() -> None:
    """``json.dumps`` writes DEL, C1 and bidi characters raw; ``escape.json_text`` does not."""
    stray = [
        f"{path.relative_to(ROOT)}:{call.lineno}"
        for path in _modules()
        if path.relative_to(PACKAGE).as_posix() not in JSON_WRITERS
        for call in _calls(path)
        if isinstance(call.func, ast.Attribute)
        and call.func.attr in ("dumps", "dump")
        and getattr(call.func.value, "id", "") == "json"
    ]
    assert not stray, f"use itsmctl.escape.json_text: {stray}"


def _is_literal_cell(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) or (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "literal"):
        return True
    if isinstance(node, ast.Starred):
        inner = node.value
        if isinstance(inner, ast.GeneratorExp | ast.ListComp):
            return _is_literal_cell(inner.elt)
        if isinstance(inner, ast.Call) and getattr(inner.func, "id", "") == "map":
            return getattr(inner.args[0], "id", "") == "literal"
        if isinstance(inner, ast.BinOp) and isinstance(inner.left, ast.List):  # ["x"] * n: a constant row
            return all(isinstance(e, ast.Constant) for e in inner.left.elts)
    return False


def test_every_table_cell_is_a_literal() -> None:
    """A rich table cell from a string is read as markup (``[/x]`` crashes, ``[link=…]`` links) and
    passes ESC through: every cell is ``table_fit.literal``, which escapes for the terminal."""
    stray = [
        f"{path.relative_to(ROOT)}:{call.lineno}"
        for path in _modules()
        if _unit(path) in ("reporters", "cli")
        for call in _calls(path)
        if isinstance(call.func, ast.Attribute)
        and call.func.attr == "add_row"
        and not all(_is_literal_cell(arg) for arg in call.args)
    ]
    assert not stray, f"wrap every cell in table_fit.literal: {stray}"
