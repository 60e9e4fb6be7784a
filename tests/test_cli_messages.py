"""What a person at a terminal reads from ``validate``: plain words, the place, exit 1."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli

TICKET = "tickets/2026/10/INC-2610-7KQ3P.yaml"


def test_a_yaml_mistake_and_a_schema_mistake_in_two_files(cli: Cli, store: Path) -> None:
    path = store / TICKET
    path.write_text(path.read_text("utf-8").replace("title: ", "title: 原因: ", 1), "utf-8")
    ci = store / "cmdb" / "CI-SRV-01.yaml"
    ci.write_text(ci.read_text("utf-8").replace("name:", "nmae:", 1), "utf-8")
    result = cli("validate", "--records", store)
    assert result.code == 1, result
    lines = result.stdout.splitlines()
    line = next(x for x in lines if TICKET in x)
    assert line.startswith(f"{store}/{TICKET}:4:10: ")
    assert "a ':' followed by a space inside a value; quote the whole value, e.g. title: \"原因: " in line
    assert line.endswith("(YAML parser: mapping values are not allowed here) [yaml]")
    assert any(
        x.endswith("nmae: unknown field 'nmae'; did you mean 'name'? [schema]") and "CI-SRV-01.yaml" in x for x in lines
    ), lines
    assert "Traceback" not in result.stderr
    assert "error(s)" in result.stderr


def test_a_tab_in_the_event_log(cli: Cli, store: Path) -> None:
    path = store / TICKET
    text = path.read_text("utf-8")
    path.write_text(text.replace("\n  - {id: E8AB2C", "\n\t- {id: E8AB2C", 1), "utf-8")
    result = cli("validate", "--records", store, "--format", "github")
    assert result.code == 1, result
    assert "a tab character is used for indentation; YAML indents with spaces only" in result.stdout
    assert result.stdout.startswith(f"::error file={store}/{TICKET},line=18,col=1,title=itsmctl yaml::")
