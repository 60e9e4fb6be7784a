"""``itsmctl cache info`` and ``itsmctl cache clear``."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli

UNCHANGED = "(nothing changed since the last check"


def test_clear_empties_the_cache_and_the_next_run_reads_everything(cli: Cli, store: Path, tmp_path: Path) -> None:
    env = {"ITSMCTL_CACHE_DIR": str(tmp_path / "cache"), "ITSMCTL_CACHE": "on"}
    assert cli("validate", "--records", str(store), env=env).code == 0
    assert UNCHANGED in cli("validate", "--records", str(store), env=env).stderr
    info = cli("cache", "info", env=env)
    assert info.code == 0 and str(tmp_path / "cache") in info.stdout and "files: 0" not in info.stdout
    cleared = cli("cache", "clear", env=env)
    assert cleared.code == 0 and "removed" in cleared.stderr
    assert "files: 0" in cli("cache", "info", env=env).stdout
    assert UNCHANGED not in cli("validate", "--records", str(store), env=env).stderr


def test_clear_removes_only_cache_files(cli: Cli, store: Path, tmp_path: Path) -> None:
    """A cache folder set to a folder that holds other things (a home folder) keeps them."""
    home = tmp_path / "home"
    (home / "data").mkdir(parents=True)
    mine = home / "data" / "notes.txt"
    mine.write_text("keep me")
    (home / "other.txt").write_text("keep me too")
    env = {"ITSMCTL_CACHE_DIR": str(home), "ITSMCTL_CACHE": "on"}
    assert cli("validate", "--records", str(store), env=env).code == 0
    assert cli("cache", "clear", env=env).code == 0
    assert mine.read_text() == "keep me" and (home / "other.txt").read_text() == "keep me too"
    assert not (home / "stores").exists()


def test_the_cache_can_be_turned_off(cli: Cli, store: Path, tmp_path: Path) -> None:
    env = {"ITSMCTL_CACHE_DIR": str(tmp_path / "cache"), "ITSMCTL_CACHE": "off"}
    for _ in range(2):
        result = cli("validate", "--records", str(store), env=env)
        assert result.code == 0 and UNCHANGED not in result.stderr
    assert not (tmp_path / "cache").exists()
    assert "off" in cli("cache", "info", env=env).stdout
