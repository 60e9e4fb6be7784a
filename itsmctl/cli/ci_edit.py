"""``itsmctl ci new``, ``ci set`` and ``ci retire``: CI changes, each under an approved change.

Options become a typed ``CIRequest`` for ``itsmctl.cmdb.edit.perform_ci``; the written
file is committed as the ticket verbs commit theirs (``--commit/--no-commit``, default the
policy's ``commit:``; the author is the ``--by`` person).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from itsmctl.cli.options import DEFAULT_RECORDS, AtOption, ByOption, CommitOption, RecordsOption
from itsmctl.cli.output import emit
from itsmctl.cli.record_verbs import acting_at, commit_written, parse_day
from itsmctl.cmdb.edit import CIRequest, perform_ci
from itsmctl.commits import store_write
from itsmctl.errors import FieldError
from itsmctl.models.labels import id_of
from itsmctl.vcs import commit_message

CiArg = Annotated[str, typer.Argument(help="配置项 CI id, e.g. CI-DB-CORE.")]
ChangeOption = Annotated[
    str, typer.Option("--change", help="变更单 The approved change that authorises this (CHG-…); required.")
]
NoteOption = Annotated[str | None, typer.Option("--note", help="备注 A remark for the change log entry.")]

NameOpt = Annotated[str | None, typer.Option("--name", help="名称 The CI's name.")]
ClassOpt = Annotated[str | None, typer.Option("--class", help="类别 Class: server, database… or 服务器, 数据库…")]
StatusOpt = Annotated[str | None, typer.Option("--status", help="状态 Status: ordered, in_use… or 使用中…")]
OwnerOpt = Annotated[str | None, typer.Option("--owner", help="负责人 Owner (policy person id).")]
LocationOpt = Annotated[str | None, typer.Option("--location", help="位置 Where it is.")]
VendorOpt = Annotated[str | None, typer.Option("--vendor", help="厂商 Vendor.")]
ModelOpt = Annotated[str | None, typer.Option("--model", help="型号 Model.")]
SerialOpt = Annotated[str | None, typer.Option("--serial", help="序列号 Serial number.")]
VersionOpt = Annotated[str | None, typer.Option("--version", help="版本 Version.")]
SupplierOpt = Annotated[str | None, typer.Option("--supplier", help="供应商 Supplier.")]
IpOpt = Annotated[list[str] | None, typer.Option("--ip", help="IP 地址 Address (repeat; replaces the list).")]
WarrantyOpt = Annotated[str | None, typer.Option("--warranty-until", help="维保到期 Warranty end (YYYY-MM-DD).")]
LicenceOpt = Annotated[str | None, typer.Option("--licence-until", help="许可到期 Licence end (YYYY-MM-DD).")]
VerifiedOpt = Annotated[str | None, typer.Option("--last-verified", help="核对日期 Last verified (YYYY-MM-DD).")]
LabelOpt = Annotated[list[str] | None, typer.Option("--label", help="标签 KEY=VALUE (repeat; KEY= removes).")]
RelOpt = Annotated[list[str] | None, typer.Option("--rel", help="关系 Add a relation TYPE=TARGET (repeat).")]
UnrelOpt = Annotated[list[str] | None, typer.Option("--remove-rel", help="删除关系 Remove relation TYPE=TARGET.")]
RedundancyOpt = Annotated[
    list[str] | None, typer.Option("--redundancy", help="冗余 TYPE=N: N providers of TYPE must remain (TYPE= removes).")
]


EXAMPLES = {"--label": "rack=A-03", "--redundancy": "runs_on=1"}
"""An example KEY=VALUE per option (relations by default); the flag itself comes from the error."""


def _pairs(items: list[str] | None, option: str) -> list[tuple[str, str]]:
    out = []
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise FieldError(
                option.lstrip("-"), f"{item!r}: write KEY=VALUE, e.g. {EXAMPLES.get(option, 'runs_on=CI-SRV-01')}"
            )
        out.append((key.strip(), value.strip()))
    return out


def _fields(given: dict[str, Any], labels: list[str] | None, redundancy: list[str] | None) -> dict[str, Any]:
    fields = {k: v for k, v in given.items() if v is not None}
    if "class" in fields:
        fields["class"] = id_of("ci_class", fields["class"])
    if "status" in fields:
        fields["status"] = id_of("ci_status", fields["status"])
    for key, option in (
        ("warranty_until", "--warranty-until"),
        ("licence_until", "--licence-until"),
        ("last_verified", "--last-verified"),
    ):
        if key in fields:
            fields[key] = parse_day(fields[key], option)
    if labels:
        fields["labels"] = dict(_pairs(labels, "--label"))
    if redundancy:
        counts: dict[str, Any] = {}
        for kind, value in _pairs(redundancy, "--redundancy"):
            if value and not value.isdigit():
                raise FieldError("redundancy", f"{kind}={value!r}: N is a whole number, e.g. runs_on=1")
            counts[kind] = int(value) if value else None
        fields["redundancy"] = counts
    return fields


def _run(records: Path, request: CIRequest, at: str | None, by: str | None, commit: bool | None) -> int:
    who = acting_at(records, at, by)
    with store_write(records):
        written = perform_ci(records, request, actor=who.actor, now=who.now, policy=who.policy)
        fields = ", ".join(written.fields) or "-"
        change = written.entry["change"]
        emit(f"{written.ci_id}: {request.verb}: {fields} ({change})\n")
        summary = f"{change}: {fields}"
        message = commit_message(written.ci_id, f"ci {request.verb}", who.actor, summary, {"Itsm-Change": change})
        commit_written(who, None, message, commit, path=written.path, found=written.found)
    return 0


def new(
    ci_id: CiArg,
    change: ChangeOption,
    name: Annotated[str, typer.Option("--name", help="名称 The CI's name.")],
    ci_class: Annotated[str, typer.Option("--class", help="类别 Class: server, database… or 服务器, 数据库…")],
    status: Annotated[str, typer.Option("--status", help="状态 Status: ordered, in_use… or 使用中…")] = "ordered",
    owner: OwnerOpt = None,
    location: LocationOpt = None,
    vendor: VendorOpt = None,
    model: ModelOpt = None,
    serial: SerialOpt = None,
    version: VersionOpt = None,
    supplier: SupplierOpt = None,
    ip: IpOpt = None,
    warranty_until: WarrantyOpt = None,
    licence_until: LicenceOpt = None,
    last_verified: VerifiedOpt = None,
    label: LabelOpt = None,
    rel: RelOpt = None,
    redundancy: RedundancyOpt = None,
    note: NoteOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """新增配置项 Add a CI to the CMDB, under an approved change (its log's first entry)."""
    given = {
        "name": name, "class": ci_class, "status": status, "owner": owner, "location": location, "vendor": vendor,
        "model": model, "serial": serial, "version": version, "supplier": supplier, "ip": ip or None,
        "warranty_until": warranty_until, "licence_until": licence_until, "last_verified": last_verified,
    }  # fmt: skip
    fields = _fields(given, label, redundancy)
    relations = _pairs(rel, "--rel")
    return _run(records, CIRequest("new", ci_id, change, fields, add_relations=relations, note=note), at, by, commit)


def set_ci(
    ci_id: CiArg,
    change: ChangeOption,
    name: NameOpt = None,
    ci_class: ClassOpt = None,
    status: StatusOpt = None,
    owner: OwnerOpt = None,
    location: LocationOpt = None,
    vendor: VendorOpt = None,
    model: ModelOpt = None,
    serial: SerialOpt = None,
    version: VersionOpt = None,
    supplier: SupplierOpt = None,
    ip: IpOpt = None,
    warranty_until: WarrantyOpt = None,
    licence_until: LicenceOpt = None,
    last_verified: VerifiedOpt = None,
    label: LabelOpt = None,
    rel: RelOpt = None,
    remove_rel: UnrelOpt = None,
    redundancy: RedundancyOpt = None,
    unset: Annotated[
        list[str] | None, typer.Option("--unset", help="清除 Remove a field, e.g. --unset serial (repeat).")
    ] = None,
    note: NoteOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """变更配置项 Change a CI's fields or relations under an approved change; the log records which."""
    given = {
        "name": name, "class": ci_class, "status": status, "owner": owner, "location": location, "vendor": vendor,
        "model": model, "serial": serial, "version": version, "supplier": supplier, "ip": ip or None,
        "warranty_until": warranty_until, "licence_until": licence_until, "last_verified": last_verified,
    }  # fmt: skip
    fields = _fields(given, label, redundancy)
    for key in unset or []:
        fields[key.replace("-", "_") if key != "class" else key] = None
    request = CIRequest(
        "set", ci_id, change, fields, add_relations=_pairs(rel, "--rel"),
        remove_relations=_pairs(remove_rel, "--remove-rel"), note=note,
    )  # fmt: skip
    return _run(records, request, at, by, commit)


def retire(
    ci_id: CiArg,
    change: ChangeOption,
    disposed: Annotated[
        bool, typer.Option("--disposed", help="已处置 Disposed of (scrapped, sold), not only retired.")
    ] = False,
    note: NoteOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """退役配置项 Retire (or dispose of) a CI under an approved change; its file and history stay."""
    status = "disposed" if disposed else "retired"
    return _run(records, CIRequest("retire", ci_id, change, {"status": status}, note=note), at, by, commit)
