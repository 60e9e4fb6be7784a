"""The package list in pyproject.toml names every package, and templates ship with it."""

from __future__ import annotations

import tomllib

from tests.conftest import ROOT


def test_pyproject_lists_every_package() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "itsmctl").rglob("__init__.py")}
    assert set(config["packages"]) == found | {"itsmctl.templates"}
    assert config["package-dir"] == {"itsmctl.templates": "templates"}


def test_templates_folder_has_every_report_in_both_languages() -> None:
    names = {p.name for p in (ROOT / "templates").glob("*.md.j2")}
    for report in ("monthly", "quality", "cmdb", "audit", "repairs", "review"):
        assert {f"{report}.zh.md.j2", f"{report}.en.md.j2"} <= names


def test_every_dependency_has_a_floor_and_a_cap() -> None:
    """A fresh install never picks up a next major version nobody has tried."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [
        *project["dependencies"],
        *(r for extra in project["optional-dependencies"].values() for r in extra),
    ]
    for requirement in requirements:
        spec = requirement.split(";")[0]
        if spec.startswith(project["name"] + "["):
            continue  # one extra carrying another of this project: the floors and caps are there
        assert ">=" in spec and "<" in spec.replace("<=", ""), f"{requirement}: give a floor (>=) and a cap (<)"
