"""``itsmctl init``: a new repository that validates clean, with hooks and CI that tools accept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Cli

AT = "2026-12-01T10:00:00+08:00"


@pytest.fixture
def fresh(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = tmp_path / "gitconfig"
    config.write_text("[init]\n\tdefaultBranch = master\n", encoding="utf-8")  # init makes main anyway
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    folder = tmp_path / "itsm"
    result = cli("init", str(folder), "--name", "测试项目", "--at", AT)
    assert result.code == 0, result
    return folder


def test_init_writes_a_store_that_validates_clean(cli: Cli, fresh: Path) -> None:
    result = cli("validate", "--records", str(fresh / "records"), "--at", AT)
    assert result.code == 0, result
    calendar = (fresh / "records" / "calendars" / "CAL-CN.yaml").read_text(encoding="utf-8")
    assert "year: 2026" in calendar and "国庆节" in calendar
    staged = subprocess.run(["git", "status", "--short"], cwd=fresh, capture_output=True, text=True).stdout
    assert "A  records/policy.yaml" in staged and "A  .github/workflows/itsm.yml" in staged
    driver = subprocess.run(["git", "config", "merge.itsmctl.driver"], cwd=fresh, capture_output=True, text=True)
    assert driver.stdout.strip() == "itsmctl merge-driver %O %A %B %P"
    assert "merge=itsmctl" in (fresh / ".gitattributes").read_text(encoding="utf-8")
    branch = subprocess.run(["git", "symbolic-ref", "--short", "HEAD"], cwd=fresh, capture_output=True, text=True)
    assert branch.stdout.strip() == "main"  # what the workflows and the pre-push hook compare against


def test_init_never_overwrites_a_file(cli: Cli, fresh: Path) -> None:
    policy = fresh / "records" / "policy.yaml"
    policy.write_text(policy.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    result = cli("init", str(fresh), "--at", AT)
    assert result.code == 2 and "never overwrites" in result.stderr
    assert policy.read_text(encoding="utf-8").endswith("# edited\n")


@pytest.mark.parametrize(
    ("path", "schema"),
    [(".github/workflows/itsm.yml", "vendor.github-workflows"), (".gitlab-ci.yml", "vendor.gitlab-ci")],
)
def test_the_ci_workflows_pass_their_schemas(fresh: Path, path: str, schema: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(fresh / path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_pre_commit_runs_the_scaffolded_hooks_offline(fresh: Path, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "ITSMCTL_NOW": AT,
    }
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=fresh, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "itsmctl validate" in done.stdout and "Passed" in done.stdout


def test_init_with_the_itil_preset_and_tacit_confirmation(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "imported"
    made = cli("init", str(folder), "--priority-preset", "itil", "--tacit-confirmation", "5d", "--at", AT)
    assert made.code == 0, made
    records = folder / "records"
    policy = (records / "policy.yaml").read_text(encoding="utf-8")
    assert "preset: itil" in policy and "confirmation: {tacit_after: 5d}" in policy
    assert "P4: {response: 2h" in (records / "slas" / "SLA-MAIN.yaml").read_text(encoding="utf-8")
    result = cli("validate", "--records", str(records), "--at", AT)
    assert result.code == 0, result
    wrong = cli("init", str(tmp_path / "other"), "--tacit-confirmation", "soon", "--at", AT)
    assert wrong.code == 2 and "--tacit-confirmation: 'soon' is not a duration" in wrong.stderr, wrong


@pytest.mark.parametrize("name", ['a"b: [c', "yes", "#1 项目: 甲", "- x", "{x}", "  lead"])
def test_a_project_name_yaml_would_misread_is_quoted(name: str) -> None:
    # the name went into policy.yaml as written: 'a"b: [c' gave a policy that does not parse
    from itsmctl.models import Policy
    from itsmctl.scaffold import plan
    from itsmctl.store.loader import load_record

    contents, _ = plan(name, 2026)
    loaded = load_record("policy.yaml", "policy.yaml", contents["records/policy.yaml"])
    assert not loaded.findings and isinstance(loaded.record, Policy) and loaded.record.name == name


@pytest.mark.parametrize("name", ["", " ", "a\nb: c", "x\x1b[31m", "\u202eRTL", "a\tb"])
def test_a_project_name_the_policy_refuses_is_a_usage_error(cli: Cli, tmp_path: Path, name: str) -> None:
    result = cli("init", tmp_path / "new", "--name", name)
    assert result.code == 2, result
    assert "--name:" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "new").exists()
