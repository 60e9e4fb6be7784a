"""Quality records: satisfaction callbacks, the periodic survey, the internal audit,
the management review and supplier evaluations."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from storegen.ids import IdMint
from storegen.ticket import Ticket
from storegen.worktime import CST
from storegen.yamltext import Comment, Flow, document

GOOD = ("处理及时，很满意", "工程师很专业", "响应快", None, None, None, "态度好，解释清楚")
BAD = ("处理时间太长，影响营业", "同样问题反复出现", "等了很久才有人到场")


LOW_SCORE = 2
"""The sample policy's ``quality_goals.low_score`` (the default): at or below, a complaint follows up."""

FollowUp = Callable[[Ticket, dict[str, Any]], str]
"""Opens the follow-up complaint for a low-score callback; returns its id."""


def callback(
    rng: random.Random, mint: IdMint, ticket: Ticket, now: datetime, follow_up: FollowUp | None = None
) -> tuple[str, str] | None:
    """The service desk's phone callback after a resolved incident or request (most within 24h);
    a low score names the complaint ``follow_up`` opens for it."""
    resolved = ticket.last("resolved")
    if resolved is None or ticket.fields["status"] != "closed":
        return None
    roll = rng.random()
    if roll < 0.08:
        return None  # missed: the callback report should notice these
    delay = timedelta(hours=rng.uniform(0.5, 20)) if roll < 0.92 else timedelta(hours=rng.uniform(26, 72))
    at = (resolved["at"] + delay).replace(second=0, microsecond=0)
    if at.hour < 9:
        at = at.replace(hour=9, minute=rng.randint(0, 50))
    if at.hour >= 19:
        at = (at + timedelta(days=1)).replace(hour=9, minute=rng.randint(0, 50))
    if at > now:
        return None
    late = any(e["type"] == "escalated" for e in ticket.events) or any(e["type"] == "reopened" for e in ticket.events)
    reached = rng.random() > 0.06
    record: dict[Any, Any] = {
        "kind": "survey",
        "id": mint.record("SUR", at),
        "survey_type": "callback",
        "ticket": ticket.id,
        "at": at,
        "by": "zhao.li",
        "respondent": ticket.fields["requester"],
        "channel": "phone",
    }
    if not reached:
        record["reached"] = False
        record["comment"] = rng.choice(("电话无人接听", "用户外出，稍后再访未接通", "用户在开会，未能回访"))
    else:
        score = rng.choice((2, 3, 3, 4)) if late else rng.choices((5, 4, 3), (7, 3, 1))[0]
        record["score"] = score
        comment = rng.choice(BAD) if score <= 3 else rng.choice(GOOD)
        if comment:
            record["comment"] = comment
        if score <= LOW_SCORE and follow_up is not None:
            record["follow_up"] = follow_up(ticket, record)
    sid = record["id"]
    return f"surveys/20{sid[4:6]}/{sid[6:8]}/{sid}.yaml", document(record)


def _question(qid: str, text: str, **answers: int) -> dict[str, Any]:
    return {"id": qid, "text": text, "answers": Flow(answers)}


def periodic_survey(mint: IdMint) -> tuple[str, str]:
    at = datetime(2026, 10, 16, 10, 30, tzinfo=CST)
    record: dict[Any, Any] = {
        "kind": "survey",
        "id": mint.record("SUR", at),
        "survey_type": "periodic",
        "at": at,
        "by": "he.jing",
        "respondent": "ma.jun",
        "channel": "paper",
        "score": 4,
        Comment("满意度问卷：信息科技部及各业务部门共发放 20 份，回收 18 份"): None,
        "period_start": date(2026, 7, 1),
        "period_end": date(2026, 9, 30),
        "responses": 18,
        "sample": {
            "frame": "信息科技部及各业务部门",
            "distributed": 20,
            "units": ["信息科技部", "运营管理部", "个人金融部", "公司金融部", "城区支行", "开发区支行"],
            "units_responded": ["信息科技部", "运营管理部", "个人金融部", "公司金融部", "城区支行"],
        },
        "questions": [
            _question("response_speed", "响应及时性", very_satisfied=6, satisfied=8, neutral=3, dissatisfied=1),
            _question("technical_skill", "技术水平", very_satisfied=10, satisfied=7, neutral=1),
            _question("attitude", "服务态度", very_satisfied=12, satisfied=6),
            _question("communication", "沟通与反馈", very_satisfied=7, satisfied=8, neutral=2),
            _question("reporting", "服务报告质量", very_satisfied=5, satisfied=9, neutral=3, dissatisfied=1),
        ],
        "comment": "总体满意；希望支行故障到场更及时，月报增加趋势分析。",
    }
    sid = record["id"]
    return f"surveys/20{sid[4:6]}/{sid[6:8]}/{sid}.yaml", document(record)


def _item(iid: str, area: str, question: str, result: str, evidence: str) -> dict[str, Any]:
    return {"id": iid, "area": area, "question": question, "result": result, "evidence": evidence}


def audit_text() -> str:
    checklist = [
        _item(
            "p1", "people", "驻场及巡场人员配置是否符合合同（2 驻场 + 1 巡场）", "conform", "考勤记录、排班表 7-9 月"
        ),
        _item(
            "p2", "people", "工程师是否具备岗位所需资质并完成年度培训", "observation", "培训记录：陈浩存储培训未完成"
        ),
        _item(
            "p3",
            "people",
            "节假日值班安排是否覆盖服务时间并告知客户",
            "nonconform",
            "国庆值班表未覆盖夜间，无客户签收记录",
        ),
        _item("r1", "resources", "备件库存是否满足关键设备需求", "conform", "备件台账、出入库记录"),
        _item("r2", "resources", "服务工具及知识库是否可用并按周更新", "conform", "知识库更新记录"),
        _item("r3", "resources", "供应商是否按季度评价", "conform", "2026-Q2 供方评价表"),
        _item(
            "t1",
            "technology",
            "配置管理数据库是否与现场一致，是否按半年核对",
            "nonconform",
            "抽查 12 个配置项，4 个超过 6 个月未核对",
        ),
        _item("t2", "technology", "监控告警是否覆盖关键系统", "conform", "监控平台策略截图"),
        _item("t3", "technology", "备份是否按策略执行并定期恢复演练", "observation", "备份失败有记录但未分析原因"),
        _item("c1", "process", "事件是否在工作时间内 1 小时响应", "conform", "抽查 30 张事件单，29 张达标"),
        _item("c2", "process", "事件关闭前是否取得客户确认", "conform", "抽查 30 张事件单全部有客户确认"),
        _item(
            "c3",
            "process",
            "是否在解决后 24 小时内完成电话回访",
            "nonconform",
            "抽查 30 张事件单，5 张超过 24 小时或无回访记录",
        ),
        _item("c4", "process", "变更是否经过内外部评审及客户书面审批", "conform", "7-9 月变更单 3 张，审批记录齐全"),
        _item("c5", "process", "服务月报是否在次月 5 日前提交", "conform", "7、8 月月报邮件记录"),
        _item("c6", "process", "投诉是否由非被投诉人独立处理", "conform", "投诉单 1 张，由项目经理处理"),
    ]
    record: dict[Any, Any] = {
        "kind": "audit",
        "id": "AUD-2026-H2",
        "title": "2026 年下半年华信银行运维项目内部审核",
        "audit_type": "internal",
        "plan": {
            "start": date(2026, 10, 12),
            "end": date(2026, 10, 14),
            "lead": "he.jing",
            "auditors": ["he.jing", "wu.gang"],
            "scope": "华信银行运维服务项目 2026 年 7-9 月服务交付，覆盖人员、资源、技术、过程",
            "criteria": [
                "GB/T 28827.1-2022",
                "ISO/IEC 20000-1:2018",
                "华信银行运维服务合同及 SLA-HXB-2026",
                "公司服务交付管理程序",
            ],
        },
        "checklist": checklist,
        "findings": [
            "响应时间达标率高，事件关闭均有客户确认，过程总体受控。",
            "节假日服务保障、配置核对、满意度回访三方面存在不符合。",
            "备份失败记录未做趋势分析，建议纳入问题管理。",
        ],
        "nonconformities": [
            {
                "id": "nc1",
                "checklist_item": "p3",
                "severity": "major",
                "description": "国庆节假日值班安排未覆盖夜间，热线未设置转移，客户 10 月 2 日晚无法联系服务台。",
                "cause": "值班表沿用工作日模板，未按合同“节假日按需支持”要求评审。",
                "corrective_actions": [
                    {
                        "action": "热线设置节假日呼叫转移至值班工程师手机，并每次节前拨测",
                        "owner": "zhao.li",
                        "due": date(2026, 10, 23),
                        "status": "verified",
                        "done_on": date(2026, 10, 20),
                        "verified_by": "he.jing",
                        "verified_on": date(2026, 10, 26),
                    },
                    {
                        "action": "节假日值班表提前 5 个工作日报客户签收",
                        "owner": "zhou.min",
                        "due": date(2026, 12, 25),
                        "status": "in_progress",
                    },
                ],
            },
            {
                "id": "nc2",
                "checklist_item": "t1",
                "severity": "minor",
                "description": "抽查的 12 个配置项中 4 个最近核对日期超过 6 个月，其中城东支行设备均未核对。",
                "cause": "上半年巡检未安排支行现场核对。",
                "corrective_actions": [
                    {
                        "action": "完成城东支行全部配置项现场核对并更新配置库",
                        "owner": "chen.hao",
                        "due": date(2026, 11, 27),
                        "status": "open",
                    },
                    {
                        "action": "巡检计划增加支行配置核对项",
                        "owner": "zhou.min",
                        "due": date(2026, 10, 31),
                        "status": "done",
                        "done_on": date(2026, 10, 29),
                    },
                ],
            },
            {
                "id": "nc3",
                "checklist_item": "c3",
                "severity": "minor",
                "description": "5 张已解决事件单超过 24 小时才回访或无回访记录。",
                "cause": "服务台兼顾热线与派单，回访未设置提醒。",
                "corrective_actions": [
                    {
                        "action": "每日下班前按已解决事件清单完成回访，itsmctl 回访超时提醒纳入日报",
                        "owner": "zhao.li",
                        "due": date(2026, 10, 30),
                        "status": "verified",
                        "done_on": date(2026, 10, 28),
                        "verified_by": "he.jing",
                        "verified_on": date(2026, 11, 9),
                    },
                ],
            },
        ],
        "conclusion": "服务交付总体符合合同及标准要求；3 项不符合（1 项严重、2 项一般）须按期整改并验证。",
        "reported_on": date(2026, 10, 16),
    }
    return document(
        record,
        header="内部审核：每年两次（年中、年末），本次为下半年审核\n计划、检查表、不符合项及整改跟踪同在一个文件",
    )


def review_text() -> str:
    record: dict[Any, Any] = {
        "kind": "review",
        "id": "MR-2026",
        "title": "2026 年度管理评审",
        "held_on": date(2026, 11, 13),
        "chair": "wu.gang",
        "attendees": ["wu.gang", "zhou.min", "sun.wei", "he.jing", "zhao.li"],
        "inputs": [
            {
                "topic": "kpi",
                "summary": "1-10 月响应及时率 98.6%，解决及时率 94.1%，略低于 95% 的承诺",
                "source": "服务月报",
            },
            {"topic": "satisfaction", "summary": "三季度满意度调查 4.4 分；回访覆盖率 88%", "source": "SUR 三季度调查"},
            {"topic": "audit", "summary": "下半年内审 3 项不符合，1 项已验证关闭", "source": "AUD-2026-H2"},
            {"topic": "complaints", "summary": "全年投诉 4 起，3 起已关闭，涉及到场及时性、节假日值班、重复故障"},
            {"topic": "capability_plan", "summary": "虚拟化扩容、核心交换机升级按计划推进"},
            {
                "topic": "department",
                "summary": "驻场组、专家组、服务台各自汇报：人员稳定，支行巡场负荷偏高",
                "source": "各组年度工作总结",
            },
            {"topic": "improvements", "summary": "问题管理本年关闭 2 个问题，知识库新增 46 条"},
        ],
        "decisions": [
            "解决及时率未达标，2027 年起支行故障由巡场工程师驻点半天",
            "重复故障（存折打印机）由专家组牵头与厂商制定彻底解决方案",
            "2027 年合同续签前完成服务目录评审",
        ],
        "actions": [
            {
                "id": "a1",
                "action": "制定支行驻点排班并与客户确认",
                "owner": "zhou.min",
                "due": date(2026, 12, 15),
                "status": "in_progress",
            },
            {
                "id": "a2",
                "action": "存折打印机问题整改方案报客户",
                "owner": "sun.wei",
                "due": date(2026, 11, 30),
                "status": "open",
            },
            {
                "id": "a3",
                "action": "回访覆盖率纳入月度 KPI，目标 95%",
                "owner": "he.jing",
                "due": date(2026, 11, 30),
                "status": "done",
            },
        ],
    }
    return document(record)


SUPPLIERS: list[tuple[str, str, list[tuple[str, float, float]], str, str]] = [
    (
        "SE-2026Q3-BOYUAN",
        "浙江博远科技有限公司（服务器及网络备件）",
        [("备件到货及时性", 40, 92), ("备件质量", 30, 95), ("技术支持", 20, 85), ("价格", 10, 80)],
        "qualified",
        "备件平均 1.6 个工作日到货；国庆期间一次到货延迟。",
    ),
    (
        "SE-2026Q3-DINGXIN",
        "杭州鼎信电子设备维修有限公司（打印设备维修）",
        [("维修及时性", 40, 70), ("维修质量", 30, 65), ("进度报告", 20, 60), ("价格", 10, 85)],
        "conditional",
        "送修进度报告未按每 3 个工作日书面提交；存折打印机返修率偏高，限期整改后复评。",
    ),
    (
        "SE-2026Q3-JIAGU",
        "上海甲骨数据服务有限公司（数据库第三方支持）",
        [("响应及时性", 40, 95), ("技术能力", 40, 96), ("文档交付", 20, 90)],
        "qualified",
        "信贷数据库升级远程支持到位。",
    ),
]


def supplier_texts() -> dict[str, str]:
    out: dict[str, str] = {}
    for sid, name, criteria, conclusion, notes in SUPPLIERS:
        record: dict[Any, Any] = {
            "kind": "supplier_evaluation",
            "id": sid,
            "supplier": name,
            "period": "2026-Q3",
            "evaluator": "he.jing",
            "evaluated_on": date(2026, 10, 9),
            "criteria": [{"name": n, "weight": w, "score": s} for n, w, s in criteria],
            "conclusion": conclusion,
            "notes": notes,
        }
        out[f"suppliers/{sid}.yaml"] = document(record)
    return out


def audit_h1_text() -> str:
    """The mid-year internal audit (seed 003 §5.3.1: mid-year and year-end): conform, one observation."""
    checklist = [
        _item("p1", "people", "驻场及巡场人员是否按合同到岗", "conform", "考勤记录 1-5 月"),
        _item("r1", "resources", "备件库存及服务工具是否满足合同要求", "conform", "备件台账"),
        _item("r2", "resources", "供应商是否按季度评价", "conform", "2026-Q1 供方评价表"),
        _item("t1", "technology", "配置管理数据库是否按半年核对", "observation", "城东支行设备核对计划未排期"),
        _item("c1", "process", "事件是否在工作时间内 1 小时响应", "conform", "抽查 20 张事件单全部达标"),
        _item("c2", "process", "是否在解决后 24 小时内完成电话回访", "conform", "抽查 20 张事件单全部有回访记录"),
    ]
    record: dict[Any, Any] = {
        "kind": "audit",
        "id": "AUD-2026-H1",
        "title": "2026 年上半年华信银行运维项目内部审核",
        "audit_type": "internal",
        "plan": {
            "start": date(2026, 6, 15),
            "end": date(2026, 6, 16),
            "lead": "he.jing",
            "auditors": ["he.jing", "wu.gang"],
            "scope": "华信银行运维服务项目 2026 年 1-5 月服务交付，覆盖人员、资源、技术、过程",
            "criteria": ["GB/T 28827.1-2022", "ISO/IEC 20000-1:2018", "华信银行运维服务合同及 SLA-HXB-2026"],
        },
        "checklist": checklist,
        "findings": ["服务交付总体受控；配置核对计划须覆盖支行设备（观察项，下半年审核跟踪）。"],
        "conclusion": "未发现不符合项；1 项观察项纳入下半年内审跟踪。",
        "reported_on": date(2026, 6, 19),
    }
    return document(record, header="内部审核：每年两次（年中、年末），本次为上半年审核")
