"""How a list of findings is written: plain text, JSON, or GitHub workflow annotations."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from itsmctl.findings import Finding

FindingsReporter = Callable[[Sequence[Finding]], str]


def text(findings: Sequence[Finding]) -> str:
    """``file:line:column: field: message [code]`` — one line a finding, as compilers print."""
    lines = []
    for f in findings:
        where = f"{f.field}: " if f.field else ""
        level = "" if f.severity == "error" else f"{f.severity}: "
        lines.append(f"{f.location()}: {level}{where}{f.message} [{f.code}]")
    return "".join(line + "\n" for line in lines)


def as_json(findings: Sequence[Finding]) -> str:
    return json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(level: str, message: str, **props: object) -> str:
    """One GitHub Actions workflow command: ``::error file=…,line=…::message``."""
    shown = ",".join(f"{k}={_escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{level}{' ' + shown if shown else ''}::{_escape_data(message)}\n"


def github(findings: Sequence[Finding]) -> str:
    """GitHub Actions workflow commands, so findings show on the pull request's diff."""
    out = []
    for f in findings:
        props = ",".join(
            f"{k}={_escape_property(str(v))}"
            for k, v in (("file", f.file), ("line", f.line), ("col", f.column), ("title", f"itsmctl {f.code}"))
        )
        where = f"{f.field}: " if f.field else ""
        out.append(f"::{f.severity} {props}::{_escape_data(where + f.message)}")
    return "".join(line + "\n" for line in out)


FINDINGS_REPORTERS: dict[str, FindingsReporter] = {"text": text, "json": as_json, "github": github}
