"""Who works on the 华信银行 contract, on both sides, and the groups they form."""

from __future__ import annotations

from typing import Any

from storegen.yamltext import Comment

PROVIDER = "恒运信息技术服务有限公司"
CUSTOMER = "华信银行"

# id, name, name_en, org, roles, phone
PEOPLE: list[tuple[str, str, str, str, list[str], str]] = [
    ("zhao.li", "赵丽", "Zhao Li", PROVIDER, ["service_desk"], "0571-8800-6601"),
    ("wang.qiang", "王强", "Wang Qiang", PROVIDER, ["engineer"], "138-5712-3301"),
    ("liu.yang", "刘洋", "Liu Yang", PROVIDER, ["engineer"], "138-5712-3302"),
    ("chen.hao", "陈浩", "Chen Hao", PROVIDER, ["engineer"], "138-5712-3303"),
    ("zhou.min", "周敏", "Zhou Min", PROVIDER, ["project_manager", "manager", "cab"], "139-0571-2201"),
    ("sun.wei", "孙伟", "Sun Wei", PROVIDER, ["expert", "cab"], "139-0571-2202"),
    ("he.jing", "何静", "He Jing", PROVIDER, ["quality", "auditor"], "139-0571-2203"),
    ("wu.gang", "吴刚", "Wu Gang", PROVIDER, ["cab", "manager"], "139-0571-2200"),
    ("ma.jun", "马军", "Ma Jun", CUSTOMER, ["customer", "customer_approver"], "0571-8709-1001"),
    ("li.na", "李娜", "Li Na", CUSTOMER, ["customer", "customer_approver"], "0571-8709-1012"),
    ("zhang.wei", "张伟", "Zhang Wei", CUSTOMER, ["customer"], "0571-8709-1015"),
    ("huang.lei", "黄磊", "Huang Lei", CUSTOMER, ["customer"], "0571-8709-1018"),
    ("xu.ting", "徐婷", "Xu Ting", CUSTOMER, ["customer"], "0571-8709-2031"),
    ("zheng.hui", "郑辉", "Zheng Hui", CUSTOMER, ["customer"], "0571-8709-3105"),
    ("lin.fang", "林芳", "Lin Fang", CUSTOMER, ["customer"], "0571-8709-3210"),
    ("gao.yan", "高岩", "Gao Yan", CUSTOMER, ["customer"], "0571-8812-0066"),
    # the account `itsmctl escalate` records its events under (cron, not a person)
    ("itsmctl", "自动升级", "itsmctl automation", PROVIDER, [], ""),
]

TITLES = {
    "zhao.li": "服务台",
    "wang.qiang": "驻场工程师",
    "liu.yang": "驻场工程师",
    "chen.hao": "巡场工程师",
    "zhou.min": "项目经理",
    "sun.wei": "高级专家（数据库/存储）",
    "he.jing": "质量管理",
    "wu.gang": "技术总监，变更咨询委员会",
    "ma.jun": "信息科技部总经理",
    "li.na": "信息科技部运维主管",
    "zhang.wei": "信息科技部系统管理员",
    "huang.lei": "信息科技部网络管理员",
    "xu.ting": "营业部运营主管",
    "zheng.hui": "信贷管理部",
    "lin.fang": "计划财务部",
    "gao.yan": "城东支行综合员",
    "itsmctl": "定时任务账号：SLA 预警/报警/升级由 itsmctl escalate 记录",
}

GROUPS: list[tuple[str, str, str, list[str]]] = [
    ("service_desk", "服务台", "Service desk", ["zhao.li"]),
    ("onsite", "驻场组", "On-site engineers", ["wang.qiang", "liu.yang", "chen.hao"]),
    ("expert", "专家组", "Expert group", ["sun.wei"]),
    ("pmo", "项目管理组", "Project management", ["zhou.min"]),
    ("quality", "质量管理组", "Quality", ["he.jing"]),
    ("cab", "变更咨询委员会", "Change advisory board", ["wu.gang", "zhou.min", "sun.wei", "li.na"]),
]

ENGINEERS = ("wang.qiang", "liu.yang", "chen.hao")
RESIDENT = ("wang.qiang", "liu.yang")
REQUESTERS = ("li.na", "zhang.wei", "huang.lei", "xu.ting", "zheng.hui", "lin.fang", "gao.yan")
"""Customer staff who report faults; weights favour the IT department."""
REQUESTER_WEIGHTS = (3, 4, 3, 3, 2, 2, 2)
APPROVERS = ("ma.jun", "li.na")


def people_records() -> list[Any]:
    """People as the policy lists them, in block style, each under a comment with the job."""
    out: list[Any] = []
    for pid, name, name_en, org, roles, phone in PEOPLE:
        domain = "hengyun-it.cn" if org == PROVIDER else "hxbank.com.cn"
        out.append(Comment(TITLES[pid]))
        person = {
            "id": pid,
            "name": name,
            "name_en": name_en,
            "org": org,
            "roles": roles,
            "email": f"{pid}@{domain}",
            "phone": phone,
        }
        if not phone:
            del person["phone"]
        out.append(person)
    return out
