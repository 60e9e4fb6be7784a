"""Display names of enumerated values (kinds, statuses, targets…) in Chinese and English.

Ids stay English in the records; reports show people the words they use.  An unknown
value is shown as it is.
"""

from __future__ import annotations

from typing import Any

_ZH: dict[str, dict[str, str]] = {
    "kind": {
        "incident": "事件",
        "request": "服务请求",
        "problem": "问题",
        "change": "变更",
        "complaint": "投诉",
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
    },
    "channel": {
        "phone": "电话",
        "mail": "邮件",
        "fax": "传真",
        "web": "网站",
        "wechat": "微信",
        "walk_in": "来访",
        "monitoring": "监控",
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
    "yesno": {"True": "是", "False": "否"},
}

_EN: dict[str, dict[str, str]] = {
    "kind": {
        "incident": "Incident",
        "request": "Service request",
        "problem": "Problem",
        "change": "Change",
        "complaint": "Complaint",
    },
    "target": {
        "callback": "callback",
        "spare_part": "spare part",
        "dispatch": "dispatch",
        "escalate_to_manager": "escalation to the project manager",
    },
    "status": {"rolled_back": "rolled back", "trial_run": "trial run", "known_error": "known error"},
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
    "yesno": {"True": "yes", "False": "no"},
}

LABELS = {"zh": _ZH, "en": _EN}


def label(lang: str, group: str, value: Any) -> str:
    """The display name of ``value`` in ``group``; English falls back to the id with spaces."""
    text = str(value)
    found = LABELS.get(lang, _EN).get(group, {}).get(text)
    if found is not None:
        return found
    return text.replace("_", " ") if lang == "en" else text
