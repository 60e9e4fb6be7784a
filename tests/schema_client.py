"""check-jsonschema, a standard JSON Schema client, run as its command line is run.

All the runs of a test share one process of its own: the tool's command is called once per
run there, with the arguments a shell would give it, and each run's exit code and output
come back apart.  One interpreter start and one import of the tool instead of one a schema.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass

DRIVER = """
import io, json, sys
from contextlib import redirect_stderr, redirect_stdout
from check_jsonschema.cli.main_command import main
results = []
for args in json.load(sys.stdin):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            main.main(args=args, prog_name="check-jsonschema")
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    results.append([code, out.getvalue(), err.getvalue()])
json.dump(results, sys.stdout)
"""


@dataclass(frozen=True)
class Run:
    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str


def check_jsonschema(runs: Sequence[Sequence[str]]) -> list[Run]:
    """``check-jsonschema ARGS`` for each ARGS of ``runs``, in order, in one process."""
    done = subprocess.run(
        [sys.executable, "-c", DRIVER],
        input=json.dumps([list(args) for args in runs]),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    assert len(results) == len(runs), done.stderr
    return [Run(tuple(args), code, out, err) for args, (code, out, err) in zip(runs, results, strict=True)]
