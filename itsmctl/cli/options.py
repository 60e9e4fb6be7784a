"""Options every command shares, declared once.

``--format`` choices come from the reporter registries (``itsmctl.reporters``): typer
turns each into a choice it validates and ``--help`` lists, and the command looks the
chosen reporter up in the same registry.  Typer needs a real Enum at run time; mypy sees
the plain ``str`` the Enum's members are.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeAlias

import typer

from itsmctl.office import FORMATS as DOCUMENT_FORMATS
from itsmctl.priority import PRESETS
from itsmctl.reporters.calendar import CALENDAR_REPORTERS
from itsmctl.reporters.cmdb import (
    CI_LIST_REPORTERS,
    CI_SHOW_REPORTERS,
    GRAPH_REPORTERS,
    IMPACT_REPORTERS,
    VERIFY_REPORTERS,
)
from itsmctl.reporters.escalation import ESCALATION_REPORTERS
from itsmctl.reporters.findings import FINDINGS_REPORTERS
from itsmctl.reporters.priority import CALC_REPORTERS, EXPLAIN_REPORTERS
from itsmctl.reporters.review import REVIEW_REPORTERS
from itsmctl.reporters.sla import STATUS_REPORTERS
from itsmctl.reporters.summary import SUMMARY_REPORTERS
from itsmctl.reporters.tickets import HISTORY_REPORTERS, LIST_REPORTERS, SHOW_REPORTERS
from itsmctl.reports import LANGS

DEFAULT_RECORDS = Path("records")


def choice(name: str, values: Iterable[str]) -> type[StrEnum]:
    """An Enum typer shows and validates as ``[a|b|c]``, its members equal to the strings."""
    return StrEnum(name, {value: value for value in values})  # type: ignore[return-value]


if TYPE_CHECKING:
    FindingsFormat: TypeAlias = str
    ListFormat: TypeAlias = str
    ShowFormat: TypeAlias = str
    HistoryFormat: TypeAlias = str
    ReviewFormat: TypeAlias = str
    StatusFormat: TypeAlias = str
    EscalationFormat: TypeAlias = str
    SummaryFormat: TypeAlias = str
    Lang: TypeAlias = str
    PresetName: TypeAlias = str
    PriorityFormat: TypeAlias = str
    CalendarFormat: TypeAlias = str
    CIListFormat: TypeAlias = str
    CIShowFormat: TypeAlias = str
    ImpactFormat: TypeAlias = str
    GraphFormat: TypeAlias = str
    VerifyFormat: TypeAlias = str
    DocumentFormat: TypeAlias = str
else:
    FindingsFormat = choice("FindingsFormat", FINDINGS_REPORTERS)
    ListFormat = choice("ListFormat", LIST_REPORTERS)
    ShowFormat = choice("ShowFormat", SHOW_REPORTERS)
    HistoryFormat = choice("HistoryFormat", HISTORY_REPORTERS)
    ReviewFormat = choice("ReviewFormat", REVIEW_REPORTERS)
    StatusFormat = choice("StatusFormat", STATUS_REPORTERS)
    EscalationFormat = choice("EscalationFormat", ESCALATION_REPORTERS)
    SummaryFormat = choice("SummaryFormat", SUMMARY_REPORTERS)
    Lang = choice("Lang", LANGS)
    PresetName = choice("PresetName", PRESETS)
    PriorityFormat = choice("PriorityFormat", [k for k in CALC_REPORTERS if k in EXPLAIN_REPORTERS])
    CalendarFormat = choice("CalendarFormat", CALENDAR_REPORTERS)
    CIListFormat = choice("CIListFormat", CI_LIST_REPORTERS)
    CIShowFormat = choice("CIShowFormat", CI_SHOW_REPORTERS)
    ImpactFormat = choice("ImpactFormat", IMPACT_REPORTERS)
    GraphFormat = choice("GraphFormat", GRAPH_REPORTERS)
    VerifyFormat = choice("VerifyFormat", VERIFY_REPORTERS)
    DocumentFormat = choice("DocumentFormat", DOCUMENT_FORMATS)

FORMAT_HELP = "输出格式 Output format"
TERMINAL_FORMAT_HELP = FORMAT_HELP + " (default: table on a terminal, text in a pipe)"

RecordsOption = Annotated[
    Path,
    typer.Option("--records", envvar="ITSMCTL_RECORDS", help="记录目录 The records folder.", show_default=True),
]
AtOption = Annotated[
    str | None,
    typer.Option(
        "--at",
        envvar="ITSMCTL_NOW",
        help="指定当前时间 Pin 'now' (ISO 8601 with offset) for reproducible runs; kept to the second.",
    ),
]
ByOption = Annotated[
    str | None,
    typer.Option(
        "--by",
        envvar="ITSMCTL_USER",
        help="操作人 Who does it (policy person id); default: the person whose email is git's user.email.",
    ),
]
JobByOption = Annotated[
    str | None,
    typer.Option(
        "--by",
        envvar="ITSMCTL_USER",
        help="操作人 Person recorded as 'by' of the job's events (a policy person; default: itsmctl).",
    ),
]
CommitOption = Annotated[
    bool | None,
    typer.Option(
        "--commit/--no-commit",
        help="提交 Commit to git, or only stage the files (default: the policy's commit:).",
    ),
]
LangOption = Annotated[Lang, typer.Option("--lang", help="报告语言 Report language.")]
ToOption = Annotated[
    DocumentFormat,
    typer.Option(
        "--to",
        help="文档格式 md (markdown) or docx (Word, with -o; needs pip install 'itsmctl[office]').",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "-o",
        "--output",
        help="输出文件 Write to FILE (atomically) instead of stdout; its folder must exist.",
    ),
]
FindingsFormatOption = Annotated[FindingsFormat, typer.Option("--format", help=FORMAT_HELP + ".")]
ListFormatOption = Annotated[ListFormat | None, typer.Option("--format", help=TERMINAL_FORMAT_HELP + ".")]
ShowFormatOption = Annotated[ShowFormat, typer.Option("--format", help=FORMAT_HELP + ".")]
HistoryFormatOption = Annotated[HistoryFormat, typer.Option("--format", help=FORMAT_HELP + ".")]
ReviewFormatOption = Annotated[ReviewFormat, typer.Option("--format", help=FORMAT_HELP + ".")]
StatusFormatOption = Annotated[StatusFormat | None, typer.Option("--format", help=TERMINAL_FORMAT_HELP + ".")]
EscalationFormatOption = Annotated[EscalationFormat, typer.Option("--format", help=FORMAT_HELP + ".")]
SummaryFormatOption = Annotated[SummaryFormat, typer.Option("--format", help=FORMAT_HELP + ".")]
PriorityFormatOption = Annotated[PriorityFormat, typer.Option("--format", help=FORMAT_HELP + ".")]
CalendarFormatOption = Annotated[CalendarFormat, typer.Option("--format", help=FORMAT_HELP + ".")]
CIListFormatOption = Annotated[CIListFormat, typer.Option("--format", help=FORMAT_HELP + ".")]
CIShowFormatOption = Annotated[CIShowFormat, typer.Option("--format", help=FORMAT_HELP + ".")]
ImpactFormatOption = Annotated[ImpactFormat, typer.Option("--format", help=FORMAT_HELP + ".")]
GraphFormatOption = Annotated[GraphFormat, typer.Option("--format", help=FORMAT_HELP + ".")]
VerifyFormatOption = Annotated[VerifyFormat, typer.Option("--format", help=FORMAT_HELP + ".")]
