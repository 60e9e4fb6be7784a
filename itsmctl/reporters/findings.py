"""How a list of findings is written: plain text, JSON, or GitHub workflow annotations.

A finding names a file and echoes what it found, both from files that may have failed
every check (a file name with ESC or a newline, a value ``got '…'``), so each part goes
through the escaping of its destination (``itsmctl.escape``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from itsmctl.escape import annotation_message, annotation_property, json_text, terminal
from itsmctl.findings import Finding

FindingsReporter = Callable[[Sequence[Finding]], str]


def text(findings: Sequence[Finding]) -> str:
    """``file:line:column: field: message [code]`` — one line a finding, as compilers print."""
    lines = []
    for f in findings:
        where = f"{f.field}: " if f.field else ""
        level = "" if f.severity == "error" else f"{f.severity}: "
        lines.append(terminal(f"{f.location()}: {level}{where}{f.message} [{f.code}]"))
    return "".join(line + "\n" for line in lines)


def as_json(findings: Sequence[Finding]) -> str:
    return json_text([f.as_dict() for f in findings], indent=2) + "\n"


def annotation(level: str, message: str, **props: object) -> str:
    """One GitHub Actions workflow command: ``::error file=…,line=…::message``."""
    shown = ",".join(f"{k}={annotation_property(v)}" for k, v in props.items() if v is not None)
    return f"::{level}{' ' + shown if shown else ''}::{annotation_message(message)}\n"


def github(findings: Sequence[Finding]) -> str:
    """GitHub Actions workflow commands, so findings show on the pull request's diff."""
    return "".join(
        annotation(
            f.severity,
            f"{f.field}: {f.message}" if f.field else f.message,
            file=f.file,
            line=f.line,
            col=f.column,
            title=f"itsmctl {f.code}",
        )
        for f in findings
    )


FINDINGS_REPORTERS: dict[str, FindingsReporter] = {"text": text, "json": as_json, "github": github}
