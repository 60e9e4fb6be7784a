"""The command line: a thin Typer layer; each noun is a sub-app in its own module.

``main`` is the one place exceptions become exit codes: 0 clean, 1 findings,
2 usage or I/O error, 3 unexpected error (traceback only with ITSMCTL_DEBUG=1).
"""

from __future__ import annotations

import functools
import os
import sys
import traceback
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from typing import Annotated

import typer

from itsmctl.cli import audit as audit_cli
from itsmctl.cli import cache as cache_cli
from itsmctl.cli import calendar as calendar_cli
from itsmctl.cli import check as check_cli
from itsmctl.cli import ci as ci_cli
from itsmctl.cli import escalate as escalate_cli
from itsmctl.cli import export as export_cli
from itsmctl.cli import history as history_cli
from itsmctl.cli import import_ as import_cli
from itsmctl.cli import init as init_cli
from itsmctl.cli import kb as kb_cli
from itsmctl.cli import merge_driver as merge_driver_cli
from itsmctl.cli import ops as ops_cli
from itsmctl.cli import priority as priority_cli
from itsmctl.cli import release as release_cli
from itsmctl.cli import report as report_cli
from itsmctl.cli import review as review_cli
from itsmctl.cli import schema, summary, validate
from itsmctl.cli import sla as sla_cli
from itsmctl.cli import supplier as supplier_cli
from itsmctl.cli import survey as survey_cli
from itsmctl.cli import ticket as ticket_cli
from itsmctl.cli.hints import hints_for, message_for
from itsmctl.errors import ItsmError
from itsmctl.escape import terminal

app = typer.Typer(
    name="itsmctl",
    help="IT 服务管理即代码 IT service management as code: tickets, CMDB, SLAs and audits as YAML in git.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    rich_markup_mode=None,
)


def installed_version() -> str:
    """The version of the installed package (its metadata), not a constant kept by hand."""
    try:
        return package_version("itsmctl")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def _show_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"itsmctl {installed_version()}\n")
        raise typer.Exit(0)


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", is_eager=True, callback=_show_version, help="版本 Show the installed version and exit."
        ),
    ] = False,
) -> None:
    """IT 服务管理即代码 IT service management as code: tickets, CMDB, SLAs and audits as YAML in git."""


app.command("validate")(validate.validate)
app.command("summary")(summary.summary)
app.add_typer(schema.app, name="schema")
app.add_typer(sla_cli.app, name="sla")
app.add_typer(report_cli.app, name="report")
app.add_typer(priority_cli.app, name="priority")
app.add_typer(calendar_cli.app, name="calendar")
app.add_typer(ticket_cli.app, name="ticket")
app.add_typer(ci_cli.app, name="ci")
app.add_typer(survey_cli.app, name="survey")
app.add_typer(ops_cli.app, name="ops")
app.add_typer(kb_cli.app, name="kb")
app.add_typer(audit_cli.app, name="audit")
app.add_typer(review_cli.app, name="review")
app.add_typer(supplier_cli.app, name="supplier")
app.add_typer(release_cli.app, name="release")
app.command("history")(history_cli.history)
app.command("check")(check_cli.check)
app.command("merge-driver")(merge_driver_cli.merge_driver)
app.command("init")(init_cli.init)
app.command("escalate")(escalate_cli.escalate)
app.add_typer(cache_cli.app, name="cache")
app.add_typer(import_cli.app, name="import")
app.command("export")(export_cli.export)

EXIT_UNEXPECTED = 3

# typer >= 0.20 vendors its own click; find its exception classes without importing click
_ClickException: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


@functools.cache
def command() -> typer.core.TyperGroup:
    """The click command tree of ``app``, built once a process: building it reads the type hints of
    every command (about 0.3 s), which a caller running several commands in one process (the
    tests, a hook) would otherwise pay on each."""
    built = typer.main.get_command(app)
    assert isinstance(built, typer.core.TyperGroup)
    return built


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``itsmctl`` console script."""
    try:
        result = command().main(args=argv, prog_name="itsmctl", standalone_mode=False)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        print("itsmctl: aborted", file=sys.stderr)
        sys.exit(2)
    except _ClickException as exc:
        exc.show(file=sys.stderr)  # type: ignore[attr-defined]
        sys.exit(2)
    except ItsmError as exc:
        print(f"itsmctl: {terminal(message_for(exc))}", file=sys.stderr)
        for hint in hints_for(exc):
            print(f"  hint: {terminal(hint)}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print("itsmctl: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("ITSMCTL_DEBUG"):
            traceback.print_exc()
        print(
            f"itsmctl: unexpected error: {type(exc).__name__}: {terminal(exc)} "
            "(this is a bug; rerun with ITSMCTL_DEBUG=1 for details)",
            file=sys.stderr,
        )
        sys.exit(EXIT_UNEXPECTED)
    sys.exit(result if isinstance(result, int) else 0)
