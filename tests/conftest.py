"""Shared fixtures: run the CLI in-process through ``main`` so exit codes are real."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest
from local_servers import Mailbox, Webhook, running_smtp, running_webhook

from itsmctl.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "tests" / "examples"
EXAMPLE_STORE = EXAMPLES / "store"
SAMPLE_RECORDS = ROOT / "records"


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str

    def __str__(self) -> str:  # shown by pytest when an assertion on it fails
        return f"exit {self.code}\n--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"


Cli = Callable[..., CliResult]


@pytest.fixture(autouse=True, scope="session")
def _cache_and_workers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Each test process gets a content cache of its own (never the user's), and parses in one
    process: forking a pytest-xdist worker, which runs threads, is not safe.  Tests of the cache
    and of parallel parsing set these themselves."""
    import os

    saved = {key: os.environ.get(key) for key in ("ITSMCTL_CACHE_DIR", "ITSMCTL_WORKERS", "ITSMCTL_CACHE")}
    os.environ["ITSMCTL_CACHE_DIR"] = str(tmp_path_factory.mktemp("itsmctl-cache"))
    os.environ["ITSMCTL_WORKERS"] = "1"
    os.environ.pop("ITSMCTL_CACHE", None)
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Run ``itsmctl ARGS`` in-process; returns exit code, stdout and stderr."""
    # COLUMNS: pytest-xdist's workers inherit the runner's width; tables are tested at the default
    for var in ("ITSMCTL_RECORDS", "ITSMCTL_NOW", "ITSMCTL_DEBUG", "ITSMCTL_USER", "COLUMNS", "LINES"):
        monkeypatch.delenv(var, raising=False)

    def run(*args: str, env: dict[str, str] | None = None) -> CliResult:
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        out, err = io.StringIO(), io.StringIO()
        code = 0
        with redirect_stdout(out), redirect_stderr(err):
            try:
                main([str(a) for a in args])
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        return CliResult(code, out.getvalue(), err.getvalue())

    return run


@pytest.fixture
def sample_store(tmp_path: Path) -> Path:
    """A writable copy of the sample store (``records/``)."""
    target = tmp_path / "records"
    shutil.copytree(SAMPLE_RECORDS, target)
    return target


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A writable copy of the small example store."""
    target = tmp_path / "records"
    shutil.copytree(EXAMPLE_STORE, target)
    return target


@pytest.fixture
def smtp_server() -> Iterator[Mailbox]:
    """A mail server on localhost that keeps what it receives."""
    with running_smtp() as box:
        yield box


@pytest.fixture
def webhook_server() -> Iterator[Webhook]:
    """A webhook receiver on localhost that keeps what it receives."""
    with running_webhook() as hook:
        yield hook
