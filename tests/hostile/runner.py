"""Run the real CLI on a store in a forked child process, one command after another.

Forking keeps the test fast (the child inherits the imported package, the built command tree
and the compiled built-in report templates; no interpreter start per command) and still
isolates it: the child has its own working folder, home and
environment, and a command that blocks (a named pipe read forever) is killed after
``timeout`` seconds, reported as hung, and the next command runs in a fresh child.
``ITSMCTL_DEBUG=1`` makes every unexpected error (exit 3) print its traceback.
"""

from __future__ import annotations

import functools
import io
import multiprocessing
import os
import time
import traceback
from collections.abc import Sequence
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

AT = "2026-11-02T09:00:00+08:00"

Command = tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    command: Command
    code: int | None
    """Exit status; None when the command hung and was killed."""
    stdout: str
    stderr: str
    seconds: float = 0.0

    def __str__(self) -> str:
        shown = " ".join(self.command)
        return (
            f"$ itsmctl {shown}\nexit {self.code}\n--- stdout\n{self.stdout[-3000:]}\n--- stderr\n{self.stderr[-3000:]}"
        )


def standard_commands(show: str, note_on: str) -> list[Command]:
    """Every command the corpus runs: validate in each format, the readers, a verb, escalate."""
    month = ("--month", "2026-10", "--at", AT)
    return [
        ("validate",),
        ("validate", "--format", "json"),
        ("validate", "--format", "github"),
        ("sla", "status", "--at", AT),
        ("ticket", "list", "--at", AT),
        ("ticket", "show", show),
        ("report", "monthly", *month),
        ("report", "quality", *month),
        ("report", "repairs", *month),
        ("report", "cmdb", "--at", AT),
        ("report", "audit", "AUD-2026-01", "--at", AT),
        ("report", "review", "2026", "--at", AT),
        ("escalate", "--dry-run", "--at", AT),
        ("ticket", "note", note_on, "复核", "--by", "wang.qiang", "--at", AT),
    ]


def _child(conn: Connection, store: Path, home: Path, commands: Sequence[Command]) -> None:
    from itsmctl.cli import main

    os.chdir(home)
    os.environ["HOME"] = str(home)
    os.environ["ITSMCTL_DEBUG"] = "1"
    os.environ["GIT_CONFIG_NOSYSTEM"] = "1"
    os.environ["GIT_CONFIG_GLOBAL"] = str(home / "gitconfig")
    for var in ("ITSMCTL_RECORDS", "ITSMCTL_NOW", "ITSMCTL_USER", "GIT_DIR"):
        os.environ.pop(var, None)
    for command in commands:
        out, err = io.StringIO(), io.StringIO()
        code = 0
        started = time.perf_counter()
        with redirect_stdout(out), redirect_stderr(err):
            try:
                main([*command, "--records", str(store)])
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
            except BaseException:  # a test harness reports everything, the CLI should have
                err.write(traceback.format_exc())
                code = -1
        conn.send((code, out.getvalue(), err.getvalue(), time.perf_counter() - started))
    conn.close()


@functools.cache
def _warm_parent() -> None:
    """Do once, in this process, what every child would otherwise do again: build the command
    tree, compile the built-in templates (jinja checks each one's source before reusing it),
    hash the package for the content cache, and import what the commands import lazily."""
    import importlib

    from itsmctl.cache.fingerprint import code_fingerprint
    from itsmctl.cli import command
    from itsmctl.reports.render import TEMPLATE_SUFFIX, builtin_templates, make_environment

    command()
    environment = make_environment()
    for template in sorted(builtin_templates().glob(f"*{TEMPLATE_SUFFIX}")):
        environment.get_template(template.name)
    code_fingerprint()
    for module in ("git", "holidays.countries", "rich.console", "rich.table", "rich.progress"):
        importlib.import_module(module)


def run_cli(store: Path, home: Path, commands: Sequence[Command], timeout: float = 10.0) -> list[Outcome]:
    """Each command's outcome, in order; a command that does not finish in time is killed."""
    _warm_parent()
    context = multiprocessing.get_context("fork")
    outcomes: list[Outcome] = []
    while len(outcomes) < len(commands):
        rest = commands[len(outcomes) :]
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=_child, args=(sender, store, home, rest), daemon=True)
        child.start()
        sender.close()
        for command in rest:
            if not receiver.poll(timeout):
                child.kill()
                outcomes.append(Outcome(command, None, "", f"hung: killed after {timeout} s"))
                break
            try:
                code, stdout, stderr, seconds = receiver.recv()
            except EOFError:
                outcomes.append(Outcome(command, -1, "", f"the child process died (exit {child.exitcode})"))
                break
            outcomes.append(Outcome(command, code, stdout, stderr, seconds))
        child.join(timeout)
        receiver.close()
    return outcomes


def _one(conn: Connection, command: Command) -> None:
    from itsmctl.cli import main

    for var in ("ITSMCTL_RECORDS", "ITSMCTL_NOW", "ITSMCTL_USER", "ITSMCTL_DEBUG"):
        os.environ.pop(var, None)
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with redirect_stdout(out), redirect_stderr(err):
        try:
            main(list(command))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    conn.send((code, out.getvalue(), err.getvalue(), 0.0))
    conn.close()


def run_at_once(commands: Sequence[Command], timeout: float = 60.0) -> list[Outcome]:
    """Each command in a process of its own, all started together (forked from this one, in
    this environment and folder); each command's outcome, in order.  A process that has not
    reported within ``timeout`` seconds of the start is killed and reported as hung."""
    _warm_parent()
    context = multiprocessing.get_context("fork")
    started: list[tuple[Connection, multiprocessing.process.BaseProcess]] = []
    for command in commands:
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=_one, args=(sender, command), daemon=True)
        child.start()
        sender.close()
        started.append((receiver, child))
    deadline = time.monotonic() + timeout
    outcomes: list[Outcome] = []
    for command, (receiver, child) in zip(commands, started, strict=True):
        if not receiver.poll(max(0.0, deadline - time.monotonic())):
            child.kill()
            outcomes.append(Outcome(command, None, "", f"hung: killed after {timeout} s"))
        else:
            try:
                code, stdout, stderr, _ = receiver.recv()
                outcomes.append(Outcome(command, code, stdout, stderr))
            except EOFError:
                child.join(timeout)
                outcomes.append(Outcome(command, -1, "", f"the child process died (exit {child.exitcode})"))
        child.join(timeout)
        receiver.close()
    return outcomes
