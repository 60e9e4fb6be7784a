"""The records every generated store shares: policy, calendar, SLA, service catalogue.

These change rarely and are written by people in a real store, so the text here is
laid out the way a person would: comments where a reader needs the why.
"""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from itsmctl.calendar.freeze import freeze
from itsmctl.models.sla import BusinessCalendar as CalendarRecord
from itsmctl.store.loader import load_record
from storegen.people import CUSTOMER, GROUPS, PROVIDER, people_records
from storegen.yamltext import Comment, Flow, document

URGENCY = [
    ("not_urgent", "不紧急", "Not urgent"),
    ("urgent", "紧急", "Urgent"),
    ("very_urgent", "非常紧急", "Very urgent"),
]
IMPACT = [
    ("individual", "个别对象", "Individual objects"),
    ("some", "部分对象", "Some objects"),
    ("all", "全部对象", "All objects"),
]
IMPORTANCE = [
    ("not_important", "不重要", "Not important"),
    ("important", "重要", "Important"),
    ("very_important", "非常重要", "Very important"),
]
PRIORITIES = [("P1", "紧急", "Critical"), ("P2", "高", "High"), ("P3", "中", "Medium"), ("P4", "低", "Low")]


def priority_of(urgency: str, impact: str, importance: str) -> str:
    """The seed procedure's rule: the sum of level indexes decides the priority."""
    score = (
        [u[0] for u in URGENCY].index(urgency)
        + [i[0] for i in IMPACT].index(impact)
        + [m[0] for m in IMPORTANCE].index(importance)
    )
    return "P1" if score >= 5 else "P2" if score == 4 else "P3" if score >= 2 else "P4"


DIMENSION_CELLS = list(itertools.product([u[0] for u in URGENCY], [i[0] for i in IMPACT], [m[0] for m in IMPORTANCE]))
"""All 27 (urgency, impact, importance) cells."""


def _levels(levels: list[tuple[str, str, str]]) -> list[Flow]:
    return [Flow({"id": i, "name": n, "name_en": e}) for i, n, e in levels]


def policy_text() -> str:
    matrix: dict[str, Any] = {}
    for urgency, _, _ in URGENCY:
        matrix[urgency] = {
            impact: Flow({m: priority_of(urgency, impact, m) for m, _, _ in IMPORTANCE}) for impact, _, _ in IMPACT
        }
    groups = [
        {"id": gid, "name": name, "name_en": name_en, "members": members} for gid, name, name_en, members in GROUPS
    ]
    record: dict[Any, Any] = {
        "kind": "policy",
        "id": "policy",
        "name": "华信银行运维服务项目",
        "organisation": PROVIDER,
        "default_timezone": "Asia/Shanghai",
        "id_prefixes": Flow(
            {
                "incident": "INC",
                "request": "REQ",
                "problem": "PRB",
                "change": "CHG",
                "complaint": "CMP",
                "survey": "SUR",
            }
        ),
        Comment("服务方：恒运信息；客户方：华信银行信息科技部及业务部门"): None,
        "people": people_records(),
        "groups": groups,
        Comment("优先级由紧急程度、影响范围、重要程度三个维度决定（服务交付管理程序）"): None,
        "priority": {
            "dimensions": [
                {"id": "urgency", "name": "紧急程度", "name_en": "Urgency", "levels": _levels(URGENCY)},
                {"id": "impact", "name": "影响范围", "name_en": "Impact scope", "levels": _levels(IMPACT)},
                {"id": "importance", "name": "重要程度", "name_en": "Importance", "levels": _levels(IMPORTANCE)},
            ],
            "levels": _levels(PRIORITIES),
            Comment("规则：各维度级别序号（最低级 = 0）相加，5–6 分为 P1，4 分为 P2，2–3 分为 P3，0–1 分为 P4"): None,
            Comment("Rule: add the level indexes (lowest = 0); 5-6 -> P1, 4 -> P2, 2-3 -> P3, 0-1 -> P4"): None,
            "matrix": matrix,
        },
        "reopen_window": "7d",
        Comment("质量目标：2026 年度管理评审 MR-2026 行动 a3 将回访覆盖率目标定为 95%"): None,
        "quality_goals": Flow({"first_line_percent": 30, "callback_percent": 95}),
        "commit": True,
    }
    return document(record)


FROZEN_YEARS = (2026,)
"""Years frozen in the sample calendar (the State Council's arrangement, 国务院办公厅通知)."""


def calendar_text() -> str:
    """The 5x8 calendar with 2026 frozen by ``calendar freeze``'s own core, as a user would."""
    hours = ["09:00-12:00", "13:30-18:00"]
    record: dict[Any, Any] = {
        "kind": "calendar",
        "id": "CAL-CN-5X8",
        "name": "华信银行 5x8 工作日历",
        "timezone": "Asia/Shanghai",
        Comment("工作时间：周一至周五 9:00-12:00、13:30-18:00（午休 12:00-13:30）"): None,
        "week": {day: hours for day in ("mon", "tue", "wed", "thu", "fri")},
        Comment("冻结的年份（frozen）不随 holidays 包变化（calendar freeze）；2027 年待国务院通知后冻结"): None,
        Comment("Frozen years never move with the package; freeze 2027 once the State Council publishes it"): None,
        "holidays": Flow({"country": "CN", "use_weekend_workdays": True}),
    }
    data = document(record).encode()
    path = "calendars/CAL-CN-5X8.yaml"
    for year in FROZEN_YEARS:
        loaded = load_record(path, path, data)
        assert isinstance(loaded.record, CalendarRecord), loaded.findings
        data = freeze(loaded.record, path, data, year).data
    return data.decode()


def phone_calendar_text() -> str:
    """The out-of-hours phone line: every day, all day, holidays included (7x24)."""
    record: dict[Any, Any] = {
        "kind": "calendar",
        "id": "CAL-7X24",
        "name": "华信银行 7x24 电话支持日历",
        "timezone": "Asia/Shanghai",
        Comment("非工作时间与节假日电话支持：全天候，不排除节假日"): None,
        "week": {day: ["00:00-24:00"] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")},
    }
    return document(record)


REACTIVE = ["SVC-REQ", "SVC-ONSITE", "SVC-SPARE", "SVC-REPAIR", "SVC-3RD", "SVC-SUPPORT"]


def sla_text() -> str:
    record: dict[Any, Any] = {
        "kind": "sla",
        "id": "SLA-HXB-2026",
        "name": "华信银行 2026 年度运维服务级别协议",
        "customer": CUSTOMER,
        Comment("合同约定的全部响应式服务（5x8 现场，其余时间电话支持）"): None,
        "services": REACTIVE,
        "calendar": "CAL-CN-5X8",
        "effective_from": date(2026, 1, 1),
        "effective_to": date(2026, 12, 31),
        "basis": "business",
        "pause_states": ["pending_customer", "pending_vendor", "pending_change"],
        "warning_percent": 75,
        "achievement_percent": 95,
        Comment("核心业务系统与网上银行按自然时间 99.9% 可用"): None,
        "availability": Flow({"CI-BS-CORE": 99.9, "CI-BS-EBANK": 99.9}),
        Comment("工作时间内 1 小时响应；bd = 工作日"): None,
        "targets": {
            "P1": Flow({"response": "30m", "onsite": "2h", "recovery": "4h", "resolution": "8h", "spare_part": "8h"}),
            "P2": Flow({"response": "1h", "onsite": "4h", "resolution": "2bd", "spare_part": "2bd"}),
            "P3": Flow({"response": "1h", "resolution": "3bd", "spare_part": "3bd"}),
            "P4": Flow({"response": "1h", "resolution": "5bd"}),
        },
        Comment("事件解决后 24 小时内电话回访（自然时间）"): None,
        "callback": Flow({"within": "24h", "basis": "clock"}),
        Comment("未联系上客户的回访（reached: false）不算完成回访"): None,
        "callback_counts_unreached": False,
        "service_desk": {
            "remote_guidance": "5m",
            "dispatch": "10m",
            "execution_confirmed": "30m",
            "redispatch": "10m",
            "escalate_to_manager": "20m",
        },
        Comment("厂商保修维修：每 3 个工作日书面进展，第二个周末前返回，约定提供备用机"): None,
        "vendor_repair": Flow({"progress_every": "3bd", "return_before_weekend": 2, "loaner": True}),
        Comment("其余时间电话支持，节假日按需支持：非工作时间按 7x24 日历计电话响应"): None,
        "out_of_hours": {
            "calendar": "CAL-7X24",
            "basis": "business",
            "targets": {"P1": Flow({"response": "30m"}), "P2": Flow({"response": "1h"})},
        },
        "escalation": [
            {
                "level": 1,
                "name": "预警",
                "at_percent": 75,
                "targets": ["response", "onsite", "recovery", "resolution"],
                "actions": ["notify_assignee", "notify_group"],
            },
            {
                "level": 2,
                "name": "报警",
                "at_percent": 100,
                "targets": ["response", "onsite", "recovery", "resolution"],
                "actions": ["notify_manager", "notify_customer"],
                "manager": "zhou.min",
                "notify": ["li.na"],
            },
            {
                "level": 3,
                "name": "升级",
                "at_percent": 150,
                "targets": ["response", "onsite", "recovery", "resolution"],
                "actions": ["raise_priority", "notify_manager", "notify_expert"],
                "manager": "zhou.min",
                "expert": "sun.wei",
            },
        ],
        "reporting": [
            {
                "report": "monthly",
                "due_day": 5,
                "description": "月度服务总结，次月 5 日前提交",
                "document_code": "HXB-YW-YDZJ",
                "prepared_by": "zhou.min",
                "reviewed_by": "he.jing",
                "approved_by": "wu.gang",
                "received_by": "li.na",
            },
            {
                "report": "repairs",
                "due_day": 10,
                "description": "月度维修总结，次月 10 日前提交",
                "document_code": "HXB-YW-WXZJ",
                "prepared_by": "zhou.min",
                "approved_by": "wu.gang",
                "received_by": "li.na",
            },
        ],
        "staffing": Flow({"resident": 2, "roaming": 1}),
    }
    return document(record)


# id, name, name_en, class, deliverable, service level, frequency
SERVICES: list[tuple[str, str, str, str, str, str, str]] = [
    (
        "SVC-RPT-MONTHLY",
        "运维服务报告",
        "O&M service report",
        "reporting",
        "月度/季度/年度运维服务报告",
        "月报次月 5 日前提交",
        "monthly",
    ),
    (
        "SVC-RPT-MAJOR",
        "重大事件报告",
        "Major incident report",
        "reporting",
        "重大事件分析报告",
        "事件关闭后 2 个工作日内提交",
        "per_event",
    ),
    ("SVC-RPT-INSPECT", "巡检记录", "Inspection record", "reporting", "巡检记录表", "每月一次", "monthly"),
    ("SVC-RPT-REPAIR", "维修记录", "Repair sheet", "reporting", "维修单及维修汇总", "汇总次月 10 日前提交", "monthly"),
    (
        "SVC-RPT-QUALITY",
        "服务质量自查报告",
        "Service quality self-check",
        "reporting",
        "服务质量自查报告",
        "每月一次",
        "monthly",
    ),
    (
        "SVC-RPT-SECURITY",
        "安全分析报告",
        "Security analysis report",
        "reporting",
        "安全分析报告",
        "每月一次",
        "monthly",
    ),
    (
        "SVC-RPT-OPTIMISE",
        "系统及网络优化建议",
        "Optimisation advice",
        "reporting",
        "优化建议书",
        "按需提供",
        "on_demand",
    ),
    (
        "SVC-MGT-ASSESS",
        "现状评估",
        "Current-state assessment",
        "management",
        "IT 现状评估报告",
        "合同期初一次",
        "yearly",
    ),
    (
        "SVC-MGT-PROCESS",
        "运维规范与流程",
        "Standards and processes",
        "management",
        "运维管理制度及流程文件",
        "按需更新",
        "on_demand",
    ),
    ("SVC-MGT-BASELINE", "配置基线", "Baseline report", "management", "配置基线报告", "每半年一次", "half_yearly"),
    ("SVC-MGT-IMAGE", "标准镜像", "Standard image", "management", "终端标准镜像", "按需更新", "on_demand"),
    ("SVC-MGT-LABEL", "资产标签", "Asset labels", "management", "资产标签", "新设备到货 3 个工作日内", "on_demand"),
    ("SVC-MGT-KB", "文档与知识库", "Documents and knowledge base", "management", "知识库条目", "每周更新", "weekly"),
    (
        "SVC-MGT-CHANGE",
        "变更实施",
        "Change implementation",
        "management",
        "变更方案、实施记录、试运行报告",
        "按变更计划，须客户书面审批",
        "on_demand",
    ),
    ("SVC-PRO-CONFIG", "配置清单", "Configuration list", "proactive", "配置清单", "每月更新", "monthly"),
    ("SVC-PRO-ASSET", "资产登记", "Asset register", "proactive", "资产台账", "每半年核对一次", "half_yearly"),
    (
        "SVC-PRO-INSPECT",
        "巡检及清洁",
        "Inspection and cleaning",
        "proactive",
        "巡检清洁记录",
        "每季度一次",
        "quarterly",
    ),
    ("SVC-PRO-EVAL", "设备评估", "Equipment evaluation", "proactive", "设备评估报告", "每年一次", "yearly"),
    ("SVC-PRO-MANUAL", "流程手册", "Process manuals", "proactive", "操作手册", "按需更新", "on_demand"),
    (
        "SVC-REQ",
        "服务请求",
        "Service requests",
        "reactive",
        "服务单",
        "5x8 现场，其余时间电话支持；工作时间内 1 小时响应",
        "on_demand",
    ),
    (
        "SVC-ONSITE",
        "现场维护",
        "On-site maintenance",
        "reactive",
        "服务单",
        "5x8 现场，其余时间电话支持；工作时间内 1 小时响应",
        "on_demand",
    ),
    (
        "SVC-SPARE",
        "紧急备件",
        "Urgent spare parts",
        "reactive",
        "备件更换记录",
        "5x8 现场，其余时间电话支持；按优先级备件到场",
        "on_demand",
    ),
    ("SVC-REPAIR", "设备维修", "Equipment repair", "reactive", "维修单", "5x8 现场，其余时间电话支持", "on_demand"),
    (
        "SVC-3RD",
        "第三方维修管理",
        "Third-party repair management",
        "reactive",
        "送修记录及进度报告",
        "每 3 个工作日书面报告进度",
        "on_demand",
    ),
    ("SVC-SUPPORT", "其他支持", "Other support", "reactive", "服务单", "5x8 现场，其余时间电话支持", "on_demand"),
]


def service_texts() -> dict[str, str]:
    out: dict[str, str] = {}
    for sid, name, name_en, cls, deliverable, level, frequency in SERVICES:
        record: dict[Any, Any] = {
            "kind": "service",
            "id": sid,
            "name": name,
            "name_en": name_en,
            "class": cls,
            "deliverable": deliverable,
            "service_level": level,
            "frequency": frequency,
        }
        out[f"services/{sid}.yaml"] = document(record)
    return out
