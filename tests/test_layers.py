"""The layers of docs/architecture.md: the CLI over a core that never prints; one module for git."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "itsmctl"
CLI = PACKAGE / "cli"


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
    return out


def core_modules() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if CLI not in p.parents and p.name != "__main__.py"]


def test_the_core_never_imports_the_cli_or_typer() -> None:
    wrong = {
        str(p.relative_to(PACKAGE)): sorted(
            m for m in imports(p) if m == "typer" or m.startswith(("itsmctl.cli", "typer."))
        )
        for p in core_modules()
    }
    assert {k: v for k, v in wrong.items() if v} == {}


def test_the_core_never_prints_or_exits() -> None:
    calls = []
    for path in core_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = ast.unparse(node.func)
                if name in ("print", "sys.exit", "exit", "input"):
                    calls.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {name}")
    assert calls == []


def test_only_vcs_imports_git() -> None:
    users = sorted(
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if any(m == "git" or m.startswith("git.") for m in imports(p))
    )
    assert users == ["vcs.py"]
