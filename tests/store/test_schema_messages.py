"""Pydantic's wording in plain words: unknown, missing and not-allowed values, with Chinese names."""

from __future__ import annotations

from typing import Any, get_args

import pytest

from itsmctl.findings import Finding
from itsmctl.models import MODEL_BY_KIND
from itsmctl.models.events import Event
from itsmctl.models.labels import LABELS, group_of, id_of, zh_names
from itsmctl.store.loader import load_record
from itsmctl.store.schema_messages import owner_of

TICKET = """kind: incident
id: INC-2610-7KQ3P
title: 打印机卡纸
service: SVC-ONSITE
priority: P3
status: new
{extra}events:
  - id: E7KQ3PX
    at: 2026-10-09T09:12:00+08:00
    by: zhao.li
    type: opened
{event}"""
PATH = "tickets/2026/10/INC-2610-7KQ3P.yaml"


def findings(extra: str = "", event: str = "", text: str | None = None) -> list[Finding]:
    body = text if text is not None else TICKET.format(extra=extra, event=event)
    return [f for f in load_record(PATH, PATH, body.encode("utf-8")).findings if f.code == "schema"]


def one(extra: str = "", event: str = "", text: str | None = None) -> Finding:
    found = findings(extra, event, text)
    assert len(found) == 1, found
    return found[0]


def test_unknown_field_suggests_the_nearest_known_one() -> None:
    f = one("asignee: wang.qiang\n")
    assert (f.field, f.message) == ("asignee", "unknown field 'asignee'; did you mean 'assignee'?")


def test_unknown_field_far_from_any_lists_the_fields_of_its_kind() -> None:
    f = one("colour: red\n")
    assert f.message.startswith("unknown field 'colour'; an incident has: id, title, description, service")


def test_unknown_field_in_an_event_suggests_from_that_event_type() -> None:
    f = one(event="  - {id: E7KQ3PY, at: '2026-10-09T09:15:00+08:00', by: zhao.li, type: assigned, too: wang.qiang}\n")
    assert (f.field, f.message) == ("events[1].too", "unknown field 'too'; did you mean 'to'?")


def test_fields_are_named_as_files_write_them() -> None:
    """``class`` is the file's name of the model's ``service_class``; no internal name leaks."""
    found = findings(text="kind: service\nid: SVC-X\nname: x\nclas: reactive\ndeliverable: y\nservice_level: z\n")
    assert {f.field: f.message for f in found} == {
        "clas": "unknown field 'clas'; did you mean 'class'?",
        "class": "required field is missing (is 'clas' a misspelling of class?); "
        "a service needs kind, id, name, class, deliverable, service_level",
    }
    missing = one(text="kind: ci\nid: CI-X\nname: x\nstatus: in_use\n")
    assert missing.message == "required field is missing; a ci needs kind, id, name, class, status"


def test_missing_field_says_what_the_entry_needs_and_spots_a_misspelling() -> None:
    text = TICKET.format(extra="", event="").replace("title:", "titel:")
    missing = next(f for f in findings(text=text) if f.field == "title")
    assert missing.message == (
        "required field is missing (is 'titel' a misspelling of title?); "
        "an incident needs id, title, service, priority, status, events, kind"
    )


def test_missing_field_in_an_event_names_the_event_type() -> None:
    found = findings(event="  - {id: E7KQ3PY, at: '2026-10-09T09:15:00+08:00', by: zhao.li, type: confirmed}\n")
    assert {f.field for f in found} == {"events[1].contact", "events[1].method"}
    assert all("a confirmed event (客户确认) needs id, at, by, type, contact, method" in f.message for f in found)


def test_a_literal_value_lists_the_allowed_ones_with_chinese_names() -> None:
    f = one("channel: pigeon\n")
    assert f.message == (
        "unknown channel 'pigeon'; allowed: phone 电话, mail 邮件, fax 传真, web 网站, wechat 微信, "
        "walk_in 来访, monitoring 监控, inspection 巡检发现"
    )


def test_a_near_literal_value_is_suggested() -> None:
    assert one("channel: Phone\n").message.startswith("unknown channel 'Phone' (did you mean phone?); allowed:")
    ci = one(text="kind: ci\nid: CI-X\nname: x\nclass: server\nstatus: in-use\n")
    assert ci.message.startswith("unknown status 'in-use' (did you mean in_use?); allowed: ordered 已订购")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("channel: 电话\n", "'电话' is the Chinese name; record files keep the id: write phone (电话)"),
        ("delivery: 现场\n", "'现场' is the Chinese name; record files keep the id: write onsite (现场)"),
    ],
)
def test_a_chinese_name_in_a_file_says_which_id_to_write(extra: str, message: str) -> None:
    assert one(extra).message == message


def test_a_chinese_category_says_which_id_to_write() -> None:
    f = one("category: 桌面终端\n")
    assert f.message == (
        "'桌面终端' is not a lower-case id like wang.qiang or onsite; "
        "record files keep the id: write desktop (桌面终端)"
    )
    other = one("category: 奇怪\n")
    assert "known category ids: application 应用, printer 打印机, desktop 桌面终端" in other.message


def test_chinese_dimensions_in_a_file_point_at_the_policy_ids() -> None:
    found = findings("dimensions: {紧急程度: 紧急}\n")
    assert found and all("not their Chinese names (紧急程度: 紧急)" in f.message for f in found)


def test_an_unknown_event_type_is_placed_on_its_type_line() -> None:
    f = one(event="  - id: E7KQ3PY\n    at: 2026-10-09T09:15:00+08:00\n    by: zhao.li\n    type: teleported\n")
    assert (f.field, f.line) == ("events[1].type", 15)
    assert f.message.startswith("unknown event type 'teleported'; allowed: opened 开单, assigned 派单, responded 响应")


def test_an_event_type_in_chinese_says_which_id_to_write() -> None:
    f = one(event="  - {id: E7KQ3PY, at: '2026-10-09T09:15:00+08:00', by: zhao.li, type: 派单, to: wang.qiang}\n")
    assert f.message == "'派单' is the Chinese name; record files keep the id: write assigned (派单)"


def test_an_event_without_type_lists_the_types() -> None:
    f = one(event="  - {id: E7KQ3PY, at: '2026-10-09T09:15:00+08:00', by: zhao.li}\n")
    assert f.message.startswith("missing type: (it says what this entry is, e.g. type: note); allowed: opened 开单")


def test_a_list_item_is_named_in_the_singular() -> None:
    text = (
        "kind: policy\nid: policy\nname: x\norganisation: y\n"
        "people: [{id: a, name: b, org: c, roles: [engneer]}]\n"
        "priority: {dimensions: [{id: u, name: 紧急, levels: [{id: a, name: A}, {id: b, name: B}]}],"
        " levels: [{id: P1, name: 高}], matrix: {a: P1, b: P1}}\n"
    )
    f = one(text=text)
    assert f.message.startswith("unknown role 'engneer' (did you mean engineer?); allowed: engineer 工程师")


def test_owner_of_walks_lists_and_tagged_unions() -> None:
    model, tag = owner_of(MODEL_BY_KIND["incident"], ("events", 2, "confirmed", "contact"))
    assert (model.__name__ if model else None, tag) == ("Confirmed", "confirmed")
    assert owner_of(MODEL_BY_KIND["incident"], ("nothing", "here")) == (None, None)


def _enums(node: Any) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    if isinstance(node, dict):
        if "enum" in node:
            out.append(tuple(node["enum"]))
        for value in node.values():
            out.extend(_enums(value))
    elif isinstance(node, list):
        for value in node:
            out.extend(_enums(value))
    return out


def test_every_value_a_model_allows_has_a_chinese_name() -> None:
    """One table for the loader and the reports: a new Literal value needs its 中文名 here."""
    missing = []
    for kind, model in MODEL_BY_KIND.items():
        for values in _enums(model.model_json_schema()):
            group = group_of(values)
            if group is None or any(not zh_names(group).get(v) for v in values):
                missing.append((kind, values))
    event_types = [get_args(m.model_fields["type"].annotation)[0] for m in get_args(get_args(Event)[0])]
    assert group_of(event_types) == "event_type"
    assert not missing, missing


def test_command_line_names_map_to_ids_and_anything_else_passes_through() -> None:
    assert id_of("channel", "电话") == "phone"
    assert id_of("channel", "phone") == "phone"
    assert id_of("channel", "鸽子") == "鸽子"
    assert id_of("channel", None) is None
    assert set(LABELS) == {"zh", "en"}


def test_a_huge_value_is_cut_in_the_message() -> None:
    f = one("channel: " + "p" * 100_000 + "\n")
    assert f.message.startswith("unknown channel 'pppp") and "…; allowed: phone 电话" in f.message
    assert len(f.message) < 300


def test_a_mapping_key_outside_its_choices_names_the_mapping() -> None:
    text = "kind: calendar\nid: CAL-X\nname: x\ntimezone: Asia/Shanghai\nweek: {monday: [09:00-17:00]}\n"
    [f] = [f for f in load_record("calendars/CAL-X.yaml", "c", text.encode()).findings if f.code == "schema"]
    assert f.message.startswith("unknown week key 'monday' (did you mean mon?); allowed: mon 周一, tue 周二")


SLA_TEXT = """kind: sla
id: SLA-T
name: t
customer: c
services: [SVC-ONSITE]
calendar: CAL-CN
effective_from: 2026-01-01
targets:
  P1: {{response: {main}}}
out_of_hours:
  calendar: CAL-CN
  targets:
    P1: {{response: {ooh}}}
"""


@pytest.mark.parametrize(
    ("main", "ooh", "field"),
    [("30 minutes", "30m", "targets.P1.response"), ("30m", "半小时", "out_of_hours.targets.P1.response")],
)
def test_a_bad_target_duration_is_one_finding_not_one_per_union_branch(main: str, ooh: str, field: str) -> None:
    # a target is a duration or a {within: …} mapping: text that is no duration is one mistake
    got = [f for f in load_record("slas/SLA-T.yaml", "x", SLA_TEXT.format(main=main, ooh=ooh).encode()).findings]
    assert [(f.field, f.code) for f in got] == [(field, "schema")]
    assert "is not a duration like 30m" in got[0].message


def test_a_mapping_target_with_a_bad_field_still_says_so() -> None:
    text = SLA_TEXT.format(main="{within: 1h, colour: red}", ooh="30m")
    got = load_record("slas/SLA-T.yaml", "x", text.encode()).findings
    assert got and all(f.field.startswith("targets.P1.response") for f in got), got
