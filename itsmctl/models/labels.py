"""Display names of enumerated values (kinds, statuses, targets…) in Chinese and English.

Ids stay English in the records; reports show people the words they use, and a finding
about a value that is not allowed lists the allowed ones with their Chinese names.  This
is the one table of them: reports and the loader both read it, and a test checks that
every value a model allows has a Chinese name here.  An unknown value is shown as it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

_ZH: dict[str, dict[str, str]] = {
    "kind": {
        "incident": "事件",
        "request": "服务请求",
        "problem": "问题",
        "change": "变更",
        "complaint": "投诉",
        "survey": "满意度调查",
        "operation_plan": "例行操作计划",
        "operation": "例行操作记录",
        "release": "发布",
    },
    "status": {
        "new": "新建",
        "assigned": "已分派",
        "in_progress": "处理中",
        "pending_customer": "等待客户",
        "pending_vendor": "等待厂商",
        "pending_change": "等待变更",
        "resolved": "已解决",
        "closed": "已关闭",
        "investigating": "调查中",
        "known_error": "已知错误",
        "draft": "草稿",
        "assessed": "已评估",
        "approved": "已批准",
        "scheduled": "已排期",
        "implementing": "实施中",
        "trial_run": "试运行",
        "reviewed": "已评审",
        "rolled_back": "已回退",
    },
    "target": {
        "response": "响应",
        "onsite": "到场",
        "spare_part": "备件到场",
        "recovery": "恢复",
        "resolution": "解决",
        "callback": "回访",
        "dispatch": "派单",
        "escalate_to_manager": "升级至项目经理",
        "remote_guidance": "远程指导",
        "execution_confirmed": "任务执行确认",
        "redispatch": "迟到改派",
        "repair_progress": "送修书面进展",
        "repair_return": "送修返回",
    },
    "channel": {
        "phone": "电话",
        "mail": "邮件",
        "fax": "传真",
        "web": "网站",
        "wechat": "微信",
        "walk_in": "来访",
        "monitoring": "监控",
        "inspection": "巡检发现",
    },
    "category": {
        "application": "应用",
        "printer": "打印机",
        "desktop": "桌面终端",
        "account": "账号",
        "network": "网络",
        "hardware": "硬件",
        "software": "软件",
        "backup": "备份",
        "security": "安全",
        "database": "数据库",
        "problem": "问题",
        "change": "变更",
        "complaint": "投诉",
        "meeting": "会议保障",
        "report": "报表",
    },
    "change_type": {"normal": "普通", "standard": "标准", "emergency": "紧急"},
    "risk": {"low": "低", "medium": "中", "high": "高"},
    "change_result": {"successful": "成功", "partial": "部分成功", "failed": "失败", "rolled_back": "已回退"},
    "ci_class": {
        "server": "服务器",
        "virtual_machine": "虚拟机",
        "database": "数据库",
        "middleware": "中间件",
        "network_device": "网络设备",
        "security_device": "安全设备",
        "storage": "存储",
        "application": "应用",
        "business_service": "业务服务",
        "workstation": "终端",
        "printer": "打印机",
        "ups": "UPS",
        "software_licence": "软件许可",
    },
    "ci_status": {
        "ordered": "已订购",
        "received": "已到货",
        "testing": "测试中",
        "in_use": "使用中",
        "changed": "已变更",
        "retired": "已退役",
        "disposed": "已处置",
    },
    "relation": {
        "depends_on": "依赖",
        "runs_on": "运行于",
        "part_of": "属于",
        "connected_to": "连接",
        "backed_by": "备份于",
    },
    "area": {"people": "人员", "resources": "资源", "technology": "技术", "process": "过程"},
    "result": {
        "conform": "符合",
        "nonconform": "不符合",
        "observation": "观察项",
        "not_applicable": "不适用",
        "not_checked": "未检查",
    },
    "severity": {"major": "严重", "minor": "一般"},
    "action_status": {"open": "未开始", "in_progress": "进行中", "done": "已完成", "verified": "已验证"},
    "audit_type": {"internal": "内部审核", "external": "外部审核", "configuration": "配置审核"},
    "topic": {
        "capability_plan": "能力计划",
        "kpi": "KPI",
        "satisfaction": "满意度",
        "department": "部门报告",
        "audit": "审核",
        "complaints": "投诉",
        "improvements": "改进",
        "other": "其他",
    },
    "delivery": {"onsite": "现场", "remote": "远程"},
    "method": {
        "phone": "电话",
        "mail": "邮件",
        "fax": "传真",
        "wechat": "微信",
        "web": "网站",
        "meeting": "会议",
        "onsite_sign": "现场签字",
        "letter": "书面函件",
    },
    "survey_channel": {
        "phone": "电话",
        "mail": "邮件",
        "web": "网站",
        "wechat": "微信",
        "onsite": "现场",
        "paper": "纸质问卷",
    },
    "event_type": {
        "opened": "开单",
        "assigned": "派单",
        "responded": "响应",
        "status": "状态变更",
        "onsite": "到场",
        "part_arrived": "备件到场",
        "recovered": "恢复",
        "guided": "远程指导",
        "execution_confirmed": "任务执行确认",
        "exception": "异常上报",
        "manager_informed": "告知项目经理",
        "repair_sent": "送修",
        "repair_progress": "送修进展",
        "repair_returned": "送修返回",
        "loaner_issued": "备用机提供",
        "loaner_returned": "备用机收回",
        "resolved": "解决",
        "confirmed": "客户确认",
        "closed": "关闭",
        "reopened": "重开",
        "priority": "优先级变更",
        "escalated": "升级",
        "explained": "超时说明",
        "note": "备注",
        "linked": "关联",
        "assessed": "评估",
        "approved": "审批",
        "scheduled": "排期",
        "trial": "试运行",
        "reviewed": "评审",
        "rolled_back": "回退",
    },
    "escalation_action": {
        "notify_assignee": "通知处理人",
        "notify_group": "通知处理组",
        "notify_manager": "通知项目经理",
        "notify_expert": "通知高级专家",
        "notify_customer": "通知客户",
        "raise_priority": "提升优先级",
    },
    "review_stage": {"internal": "内部评审", "external": "外部评审"},
    "verdict": {"pass": "通过", "fail": "不通过", "pass_with_conditions": "有条件通过"},
    "service_class": {"reporting": "报告服务", "management": "管理类", "proactive": "主动式", "reactive": "响应式"},
    "frequency": {
        "on_demand": "按需",
        "per_event": "每次",
        "daily": "每日",
        "weekly": "每周",
        "monthly": "每月",
        "quarterly": "每季度",
        "half_yearly": "每半年",
        "yearly": "每年",
        "cron": "按 cron 表达式",
    },
    "report_duty": {
        "monthly": "服务月报",
        "repairs": "维修汇总",
        "quality": "质量报告",
        "quarterly": "季度报告",
        "yearly": "年度报告",
    },
    "basis": {"business": "工作时间", "clock": "自然时间"},
    "weekday": {
        "mon": "周一",
        "tue": "周二",
        "wed": "周三",
        "thu": "周四",
        "fri": "周五",
        "sat": "周六",
        "sun": "周日",
    },
    "day_type": {"holiday": "节假日", "workday": "调休工作日"},
    "notification_type": {"smtp": "邮件 (SMTP)", "webhook": "Webhook"},
    "role": {
        "engineer": "工程师",
        "service_desk": "服务台",
        "project_manager": "项目经理",
        "manager": "经理",
        "expert": "专家",
        "cab": "变更咨询委员会",
        "auditor": "审核员",
        "quality": "质量管理",
        "customer": "客户",
        "customer_approver": "客户审批人",
    },
    "survey_type": {"callback": "回访", "periodic": "定期调查"},
    "operation_type": {
        "inspection": "巡检",
        "monitoring": "监控检查",
        "backup_check": "备份检查",
        "drill": "应急演练",
        "maintenance": "预防性维护",
        "cleaning": "清洁",
    },
    "check_result": {"pass": "正常", "fail": "异常"},
    "occurrence": {"on_time": "按时完成", "late": "逾期完成", "overdue": "已逾期", "pending": "待执行"},
    "audit_stage": {"planned": "已计划", "checking": "审核中", "reported": "已报告", "closed": "已关闭"},
    "release_stage": {
        "planned": "已计划",
        "approved": "已批准",
        "deployed": "已部署",
        "verified": "已验证",
        "failed": "验证未通过",
        "accepted": "已验收",
        "rolled_back": "已回退",
    },
    "release_result": {"pass": "通过", "fail": "未通过"},
    "conclusion": {"qualified": "合格", "conditional": "有条件合格", "disqualified": "不合格"},
    "yesno": {"True": "是", "False": "否"},
}

_EN: dict[str, dict[str, str]] = {
    "kind": {
        "incident": "Incident",
        "request": "Service request",
        "problem": "Problem",
        "change": "Change",
        "complaint": "Complaint",
        "operation_plan": "Operation plan",
        "operation": "Operation",
        "release": "Release",
    },
    "target": {
        "onsite": "on-site",
        "callback": "callback",
        "spare_part": "spare part",
        "dispatch": "dispatch",
        "escalate_to_manager": "escalation to the project manager",
        "remote_guidance": "remote guidance",
        "execution_confirmed": "execution confirmed",
        "redispatch": "re-dispatch",
        "repair_progress": "repair progress",
        "repair_return": "repair return",
    },
    "status": {"rolled_back": "rolled back", "trial_run": "trial run", "known_error": "known error"},
    "channel": {
        "mail": "e-mail",
        "web": "website",
        "wechat": "WeChat",
        "walk_in": "walk-in",
        "inspection": "found on inspection",
    },
    "category": {"meeting": "meeting support"},
    "change_type": {},
    "risk": {},
    "change_result": {"rolled_back": "rolled back"},
    "ci_class": {"software_licence": "software licence", "ups": "UPS"},
    "ci_status": {"in_use": "in use"},
    "relation": {},
    "area": {},
    "result": {"nonconform": "nonconformity", "not_applicable": "n/a", "not_checked": "not checked"},
    "severity": {},
    "action_status": {"in_progress": "in progress"},
    "audit_type": {"internal": "internal audit", "external": "external audit", "configuration": "configuration audit"},
    "topic": {
        "capability_plan": "Capability plan",
        "kpi": "KPI results",
        "satisfaction": "Satisfaction",
        "department": "Department reports",
        "audit": "Audits",
        "complaints": "Complaints",
        "improvements": "Improvements",
        "other": "Other",
    },
    "operation_type": {
        "backup_check": "backup check",
        "drill": "emergency drill",
        "maintenance": "preventive maintenance",
    },
    "check_result": {"pass": "normal", "fail": "abnormal"},
    "occurrence": {"on_time": "on time", "late": "done late", "overdue": "overdue", "pending": "not yet due"},
    "audit_stage": {"planned": "planned", "checking": "being checked", "reported": "reported", "closed": "closed"},
    "release_stage": {"failed": "verification failed", "rolled_back": "rolled back"},
    "yesno": {"True": "yes", "False": "no"},
}

LABELS = {"zh": _ZH, "en": _EN}


def label(lang: str, group: str, value: Any) -> str:
    """The display name of ``value`` in ``group``.

    English names are in sentence case (``Walk-in``, ``Trial run``): a report reads them as
    words, not as the ids the records hold; an id with no English name is shown that way too
    (``desktop`` → ``Desktop``, ``known_error`` → ``Known error``).
    """
    text = str(value)
    found = LABELS.get(lang, _EN).get(group, {}).get(text)
    if lang != "en":
        return found if found is not None else text
    shown = found if found is not None else text.replace("_", " ")
    return shown[:1].upper() + shown[1:]


def group_of(values: Iterable[str]) -> str | None:
    """The smallest label group that names every one of ``values`` (a Literal's choices)."""
    wanted = set(values)
    fits = [(len(names), group) for group, names in _ZH.items() if wanted and wanted <= set(names)]
    return min(fits)[1] if fits else None


def zh_names(group: str) -> dict[str, str]:
    """Chinese name by id for one group (empty for an unknown group)."""
    return dict(_ZH.get(group, {}))


def id_of(group: str, given: str | None) -> str | None:
    """The id a Chinese name stands for in ``group`` (``电话`` -> ``phone``); anything else as given.

    For the command line, where a person may type either; record files keep the ids.
    """
    if given is None:
        return None
    wanted = given.strip()
    for value, zh in _ZH.get(group, {}).items():
        if wanted == zh:
            return value
    return given
