"""The export's schema: every table's columns, in order, with a type and a meaning.

One list is the source of truth for three things: the order of the columns written (a CSV
header, the keys of each JSON line), how a cell is written per format (``ColumnType``), and
docs/export.md, whose tables a test compares with these lists and with what is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ColumnType = Literal["string", "integer", "number", "boolean", "timestamp", "date", "month", "list", "object"]
"""``timestamp``: ISO 8601 with the store's offset (``2026-10-09T14:05:00+08:00``); ``date``:
``2026-10-09``; ``month``: ``2026-10``; ``list``: a JSON array in JSONL, the items joined by a
space in CSV (ids hold no spaces); ``object``: a JSON object in JSONL, its compact JSON text in CSV."""


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    meaning: str
    """中文 English, as docs/export.md shows it."""


def _cols(*specs: tuple[str, ColumnType, str]) -> tuple[Column, ...]:
    return tuple(Column(*spec) for spec in specs)


TICKETS = _cols(
    ("id", "string", "工单号 Ticket id"),
    ("kind", "string", "类型 incident, request, problem, change or complaint"),
    ("title", "string", "标题 Title"),
    ("status", "string", "状态 Status at the export's moment (replayed from the log)"),
    ("open", "boolean", "未关闭 Not yet in a final status at the export's moment"),
    ("service", "string", "服务 Service id"),
    ("sla", "string", "SLA id named on the ticket (null: the SLA applicable to the service)"),
    ("category", "string", "分类 Category"),
    ("channel", "string", "渠道 Channel it came in by"),
    ("delivery", "string", "交付方式 onsite or remote"),
    ("priority", "string", "优先级 Measured priority: the last a person assessed (what the SLA and reports count by)"),
    ("handling_priority", "string", "处理优先级 The priority it is handled at (differs after an escalation raise)"),
    ("priority_overridden", "boolean", "人工定级 The matrix priority was overridden by hand"),
    ("impact", "string", "影响范围 Impact level id (dimension impact)"),
    ("urgency", "string", "紧急程度 Urgency level id (dimension urgency)"),
    ("importance", "string", "重要程度 Importance level id (dimension importance)"),
    ("major", "boolean", "重大事件 Major incident"),
    ("requester", "string", "报告人 Requester (person id)"),
    ("group", "string", "处理组 Group (last assignment)"),
    ("assignee", "string", "处理人 Assignee (last assignment)"),
    ("cis", "list", "配置项 CI ids"),
    ("opened_at", "timestamp", "开单时间 Opened"),
    ("dispatched_at", "timestamp", "派单时间 First assignment"),
    ("resolved_at", "timestamp", "解决时间 Last resolution, while resolved or closed"),
    ("closed_at", "timestamp", "关闭时间 When it entered its final status"),
    ("first_line", "boolean", "一线解决 Resolved at the service desk (first line)"),
    ("change_result", "string", "变更结果 Changes: successful, partial, failed or rolled_back"),
    ("events", "integer", "事件数 Events in its log up to the export's moment"),
    ("source_system", "string", "来源系统 System it was imported from (servicenow, otrs…)"),
    ("source_number", "string", "来源编号 Its number in that system"),
)

EVENTS = _cols(
    ("ticket_id", "string", "工单号 Ticket id"),
    ("kind", "string", "工单类型 The ticket's kind"),
    ("event_id", "string", "事件编号 Event id (unique within the ticket)"),
    ("seq", "integer", "序号 Position in the log, from 1"),
    ("type", "string", "事件类型 Event type (opened, assigned, status, resolved, …)"),
    ("at", "timestamp", "时间 When it happened"),
    ("by", "string", "操作人 Who recorded it (person id)"),
    ("status_from", "string", "原状态 Status before it (null for the opening)"),
    ("status_to", "string", "新状态 Status after it"),
    ("priority", "string", "优先级 The priority it set (opened, priority events)"),
    ("escalation", "boolean", "升级调整 A priority raise written by the escalation ladder"),
    ("assignee", "string", "处理人 Assigned to (assigned events)"),
    ("group", "string", "处理组 Group assigned to (assigned events)"),
    ("level", "integer", "升级级别 Escalation level (escalated events)"),
    ("target", "string", "时限目标 SLA target it concerns (escalated, explained events)"),
    ("first_line", "boolean", "一线解决 Resolved by the service desk (resolved events)"),
    ("reason", "string", "原因 Reason, resolution or progress text the event carries"),
    ("note", "string", "备注 Note"),
)

SLA_RESULTS = _cols(
    ("ticket_id", "string", "工单号 Ticket id"),
    ("kind", "string", "工单类型 The ticket's kind"),
    ("sla", "string", "SLA id the clock is measured under"),
    ("coverage", "string", "覆盖时段 out_of_hours when measured on the SLA's out-of-hours coverage, else null"),
    ("target", "string", "时限目标 Target: response, onsite, spare_part, recovery, resolution, callback, dispatch, …"),
    ("counts_as", "string", "统计口径 Where the monthly report counts it: achievement, desk, callback, repairs"),
    ("state", "string", "状态 ok, warning, breached (running), paused, met or missed (stopped)"),
    ("settled", "boolean", "已判定 met, missed or breached: an outcome a report counts"),
    ("month", "month", "统计月份 The month the monthly report counts the outcome in (null while undecided)"),
    ("priority", "string", "优先级 The measured priority the goal is taken from"),
    ("judged_priority", "string", "考核优先级 Priority the report counts it under (the breached one, else measured)"),
    ("breach_priority", "string", "超时优先级 The priority whose goal was breached (null: never breached)"),
    ("handling_priority", "string", "处理优先级 Priority after an escalation raise, when it differs (else null)"),
    ("basis", "string", "计时口径 business (working hours) or clock (wall time)"),
    ("goal_seconds", "integer", "目标秒数 The goal, in seconds on the basis"),
    ("elapsed_seconds", "integer", "已用秒数 Time counted, in seconds on the basis"),
    ("remaining_seconds", "integer", "剩余秒数 Goal minus elapsed (negative past the goal)"),
    ("overrun_seconds", "integer", "超时秒数 How far past the goal it breached (0: never breached)"),
    ("percent", "number", "用时比例 Elapsed as a percentage of the goal"),
    ("started_at", "timestamp", "开始时间 When the clock started"),
    ("due", "timestamp", "到期时间 Deadline (projected while running; null while paused)"),
    ("stopped_at", "timestamp", "停止时间 When it stopped (met or missed)"),
    ("breached_at", "timestamp", "超时时间 First moment it passed the goal in force then"),
    ("estimated", "boolean", "节假日预估 Runs through a year whose holidays are only estimated"),
)

SURVEYS = _cols(
    ("id", "string", "回访编号 Survey id"),
    ("survey_type", "string", "类型 callback (after one ticket) or periodic"),
    ("ticket_id", "string", "工单号 Ticket called back about (callback surveys)"),
    ("ticket_kind", "string", "工单类型 That ticket's kind"),
    ("at", "timestamp", "时间 When it was made"),
    ("by", "string", "回访人 Who made it (person id)"),
    ("respondent", "string", "受访人 Who answered"),
    ("channel", "string", "方式 phone, mail, web, wechat, onsite or paper"),
    ("reached", "boolean", "已联系上 The customer was reached"),
    ("score", "integer", "总体评分 Overall score, 1–5"),
    ("scores", "object", "分项评分 Score per question id, 1–5 (an object; {} when none)"),
    ("comment", "string", "意见 Comment"),
    ("period_start", "date", "调查期起 Periodic surveys: first day covered"),
    ("period_end", "date", "调查期止 Periodic surveys: last day covered"),
    ("responses", "integer", "回收份数 Periodic surveys: questionnaires returned"),
)

TABLES: dict[str, tuple[Column, ...]] = {
    "tickets": TICKETS,
    "events": EVENTS,
    "sla_results": SLA_RESULTS,
    "surveys": SURVEYS,
}
"""Each table of the export, in the order ``--out`` writes them."""
