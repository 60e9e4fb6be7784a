"""The CMDB of a small city commercial bank: business services down to printers.

One row per CI, relations as ``(type, target)`` pairs.  Dates are chosen so the
configuration report has something to say at 2026-11-20: warranties and licences
running out in the next months, two already expired, a few CIs not verified in the
twice-yearly inspection (last_verified older than six months).
"""

# ruff: noqa: E501  (data tables: one record per line reads better than wrapped text)

from __future__ import annotations

from datetime import date
from typing import Any

from storegen.yamltext import Comment, Flow, document

DC = "总行数据中心A机房"
DC_B = "总行数据中心B机房（同城灾备）"
BRANCH = "城东支行机房"
HALL = "总行营业部"
ITOFFICE = "总行信息科技部办公区"

# id, name, class, status, owner, location, vendor/model, version, dates, labels, relations, note
Row = dict[str, Any]

CIS: list[Row] = [
    # —— 业务服务 ——
    {"id": "CI-BS-CORE", "name": "核心业务服务（存贷款、柜面交易）", "class": "business_service", "status": "in_use",
     "owner": "li.na", "last_verified": date(2026, 6, 18), "labels": {"criticality": "关键", "rto": "2h"}},
    {"id": "CI-BS-CREDIT", "name": "信贷业务服务", "class": "business_service", "status": "in_use",
     "owner": "li.na", "last_verified": date(2026, 6, 18), "labels": {"criticality": "重要", "rto": "4h"}},
    {"id": "CI-BS-EBANK", "name": "网上银行服务", "class": "business_service", "status": "in_use",
     "owner": "li.na", "last_verified": date(2026, 6, 18), "labels": {"criticality": "关键", "rto": "2h"}},
    {"id": "CI-BS-MGMT", "name": "经营管理服务（财务、监管报送）", "class": "business_service", "status": "in_use",
     "owner": "li.na", "last_verified": date(2026, 6, 18), "labels": {"criticality": "重要", "rto": "8h"}},
    {"id": "CI-BS-OFFICE", "name": "办公服务（OA、邮件）", "class": "business_service", "status": "in_use",
     "owner": "li.na", "last_verified": date(2026, 6, 18), "labels": {"criticality": "一般", "rto": "1d"}},
    # —— 应用系统 ——
    {"id": "CI-APP-CORE", "name": "核心业务系统", "class": "application", "status": "in_use", "owner": "zhang.wei",
     "location": DC, "vendor": "长亮科技", "version": "V5.2.3", "last_verified": date(2026, 6, 18),
     "rel": [("part_of", "CI-BS-CORE"), ("runs_on", "CI-SRV-CORE-01"), ("runs_on", "CI-SRV-CORE-02"),
             ("depends_on", "CI-DB-CORE"), ("depends_on", "CI-MW-MQ")]},
    {"id": "CI-APP-TELLER", "name": "柜面前端系统", "class": "application", "status": "in_use", "owner": "zhang.wei",
     "location": HALL, "version": "V3.8", "last_verified": date(2026, 6, 19),
     "rel": [("part_of", "CI-BS-CORE"), ("depends_on", "CI-APP-CORE")]},
    {"id": "CI-APP-CREDIT", "name": "信贷管理系统", "class": "application", "status": "in_use", "owner": "zhang.wei",
     "location": DC, "vendor": "宇信科技", "version": "V6.1", "last_verified": date(2026, 6, 18),
     "rel": [("part_of", "CI-BS-CREDIT"), ("runs_on", "CI-VM-CREDIT-APP"), ("depends_on", "CI-DB-CREDIT")]},
    {"id": "CI-APP-EBANK", "name": "网上银行系统", "class": "application", "status": "in_use", "owner": "zhang.wei",
     "location": DC, "vendor": "科蓝软件", "version": "V4.0.7", "last_verified": date(2026, 6, 18),
     "rel": [("part_of", "CI-BS-EBANK"), ("runs_on", "CI-VM-EBANK-01"), ("runs_on", "CI-VM-EBANK-02"),
             ("depends_on", "CI-APP-CORE"), ("connected_to", "CI-SEC-FW-01")]},
    {"id": "CI-APP-FIN", "name": "财务管理系统", "class": "application", "status": "in_use", "owner": "lin.fang",
     "location": DC, "vendor": "用友网络", "version": "NC 6.5", "last_verified": date(2026, 3, 12),
     "rel": [("part_of", "CI-BS-MGMT"), ("runs_on", "CI-VM-FIN-APP"), ("depends_on", "CI-DB-FIN")]},
    {"id": "CI-APP-REPORT", "name": "监管数据报送系统（EAST）", "class": "application", "status": "in_use",
     "owner": "zhang.wei", "location": DC, "version": "V2.3", "last_verified": date(2026, 6, 18),
     "rel": [("part_of", "CI-BS-MGMT"), ("runs_on", "CI-VM-REPORT-01"), ("depends_on", "CI-DB-CORE")]},
    {"id": "CI-APP-OA", "name": "OA 协同办公系统", "class": "application", "status": "in_use", "owner": "zhang.wei",
     "location": DC, "vendor": "泛微", "version": "e-cology 9.0", "last_verified": date(2026, 6, 18),
     "rel": [("part_of", "CI-BS-OFFICE"), ("runs_on", "CI-VM-OA-01"), ("depends_on", "CI-DB-OA")]},
    {"id": "CI-APP-MAIL", "name": "邮件系统", "class": "application", "status": "in_use", "owner": "zhang.wei",
     "location": DC, "vendor": "Coremail", "version": "XT5", "last_verified": date(2026, 6, 18),
     "rel": [("part_of", "CI-BS-OFFICE"), ("runs_on", "CI-VM-MAIL-01")]},
    {"id": "CI-MW-MQ", "name": "消息中间件（核心前置）", "class": "middleware", "status": "in_use", "owner": "wang.qiang",
     "location": DC, "vendor": "IBM", "model": "IBM MQ", "version": "9.2.0.5", "last_verified": date(2026, 6, 18),
     "licence_until": date(2027, 3, 31), "rel": [("runs_on", "CI-SRV-CORE-01")]},
    # —— 物理服务器 ——
    {"id": "CI-SRV-CORE-01", "name": "核心应用服务器01", "class": "server", "status": "in_use", "owner": "wang.qiang",
     "location": DC, "vendor": "华为", "model": "FusionServer 2288H V5", "serial": "2102312KLP10M8000231",
     "ip": ["10.10.1.11"], "warranty_until": date(2027, 5, 31), "last_verified": date(2026, 6, 17),
     "labels": {"asset_tag": "HXB-IT-2021-0031", "rack": "A03-U20"},
     "rel": [("connected_to", "CI-NET-CORE-01"), ("connected_to", "CI-NET-CORE-02"), ("backed_by", "CI-SRV-BAK-01")]},
    {"id": "CI-SRV-CORE-02", "name": "核心应用服务器02", "class": "server", "status": "in_use", "owner": "wang.qiang",
     "location": DC, "vendor": "华为", "model": "FusionServer 2288H V5", "serial": "2102312KLP10M8000232",
     "ip": ["10.10.1.12"], "warranty_until": date(2027, 5, 31), "last_verified": date(2026, 6, 17),
     "labels": {"asset_tag": "HXB-IT-2021-0032", "rack": "A03-U22"},
     "rel": [("connected_to", "CI-NET-CORE-01"), ("connected_to", "CI-NET-CORE-02"), ("backed_by", "CI-SRV-BAK-01")]},
    {"id": "CI-SRV-DB-01", "name": "核心数据库服务器01（RAC 节点1）", "class": "server", "status": "in_use",
     "owner": "wang.qiang", "location": DC, "vendor": "浪潮", "model": "NF8480M6", "serial": "NF8480M6-210344",
     "ip": ["10.10.2.21"], "warranty_until": date(2026, 12, 31), "last_verified": date(2026, 6, 17),
     "labels": {"asset_tag": "HXB-IT-2020-0107", "rack": "A04-U10"},
     "rel": [("connected_to", "CI-NET-CORE-01"), ("connected_to", "CI-SW-SAN-01"), ("backed_by", "CI-STO-SAN-01")]},
    {"id": "CI-SRV-DB-02", "name": "核心数据库服务器02（RAC 节点2）", "class": "server", "status": "in_use",
     "owner": "wang.qiang", "location": DC, "vendor": "浪潮", "model": "NF8480M6", "serial": "NF8480M6-210345",
     "ip": ["10.10.2.22"], "warranty_until": date(2026, 12, 31), "last_verified": date(2026, 6, 17),
     "labels": {"asset_tag": "HXB-IT-2020-0108", "rack": "A04-U14"},
     "rel": [("connected_to", "CI-NET-CORE-02"), ("connected_to", "CI-SW-SAN-01"), ("backed_by", "CI-STO-SAN-01")]},
    {"id": "CI-SRV-VH-01", "name": "虚拟化宿主机01", "class": "server", "status": "in_use", "owner": "liu.yang",
     "location": DC, "vendor": "戴尔", "model": "PowerEdge R740", "serial": "7XK2QH3", "ip": ["10.10.3.31"],
     "warranty_until": date(2026, 6, 30), "last_verified": date(2026, 6, 17),
     "labels": {"asset_tag": "HXB-IT-2019-0056", "rack": "A05-U08"},
     "rel": [("connected_to", "CI-NET-CORE-01"), ("backed_by", "CI-STO-SAN-01")], "comment": "原厂保修已于 2026-06-30 到期，续保在谈"},
    {"id": "CI-SRV-VH-02", "name": "虚拟化宿主机02", "class": "server", "status": "in_use", "owner": "liu.yang",
     "location": DC, "vendor": "戴尔", "model": "PowerEdge R740", "serial": "7XK2QH4", "ip": ["10.10.3.32"],
     "warranty_until": date(2026, 6, 30), "last_verified": date(2026, 6, 17),
     "labels": {"asset_tag": "HXB-IT-2019-0057", "rack": "A05-U12"},
     "rel": [("connected_to", "CI-NET-CORE-02"), ("backed_by", "CI-STO-SAN-01")]},
    {"id": "CI-SRV-VH-03", "name": "虚拟化宿主机03（扩容）", "class": "server", "status": "ordered", "owner": "liu.yang",
     "location": DC, "vendor": "华为", "model": "FusionServer 2288H V6", "comment": "2026 年扩容采购，预计 12 月到货"},
    {"id": "CI-SRV-BAK-01", "name": "备份服务器", "class": "server", "status": "in_use", "owner": "chen.hao",
     "location": DC_B, "vendor": "华为", "model": "FusionServer 2288H V5", "ip": ["10.20.1.41"],
     "warranty_until": date(2027, 2, 28), "last_verified": date(2026, 4, 2),
     "rel": [("connected_to", "CI-NET-CORE-02"), ("backed_by", "CI-STO-NAS-01")]},
    # —— 虚拟机 ——
    {"id": "CI-VM-CREDIT-APP", "name": "信贷应用虚拟机", "class": "virtual_machine", "status": "in_use",
     "owner": "liu.yang", "location": DC, "version": "CentOS 7.9", "ip": ["10.10.5.51"],
     "last_verified": date(2026, 6, 17), "rel": [("runs_on", "CI-SRV-VH-01")]},
    {"id": "CI-VM-FIN-APP", "name": "财务应用虚拟机", "class": "virtual_machine", "status": "in_use",
     "owner": "liu.yang", "location": DC, "version": "Windows Server 2016", "ip": ["10.10.5.52"],
     "last_verified": date(2026, 3, 12), "rel": [("runs_on", "CI-SRV-VH-01")]},
    {"id": "CI-VM-EBANK-01", "name": "网银应用虚拟机01", "class": "virtual_machine", "status": "in_use",
     "owner": "liu.yang", "location": DC, "version": "麒麟 V10 SP2", "ip": ["10.10.6.61"],
     "last_verified": date(2026, 6, 17), "rel": [("runs_on", "CI-SRV-VH-01")]},
    {"id": "CI-VM-EBANK-02", "name": "网银应用虚拟机02", "class": "virtual_machine", "status": "in_use",
     "owner": "liu.yang", "location": DC, "version": "麒麟 V10 SP2", "ip": ["10.10.6.62"],
     "last_verified": date(2026, 6, 17), "rel": [("runs_on", "CI-SRV-VH-02")]},
    {"id": "CI-VM-OA-01", "name": "OA 应用虚拟机", "class": "virtual_machine", "status": "in_use",
     "owner": "liu.yang", "location": DC, "version": "CentOS 7.9", "ip": ["10.10.7.71"],
     "last_verified": date(2026, 6, 17), "rel": [("runs_on", "CI-SRV-VH-02")]},
    {"id": "CI-VM-MAIL-01", "name": "邮件服务器虚拟机", "class": "virtual_machine", "status": "in_use",
     "owner": "liu.yang", "location": DC, "version": "CentOS 7.9", "ip": ["10.10.7.72"],
     "last_verified": date(2026, 6, 17), "rel": [("runs_on", "CI-SRV-VH-02")]},
    {"id": "CI-VM-REPORT-01", "name": "监管报送虚拟机", "class": "virtual_machine", "status": "in_use",
     "owner": "liu.yang", "location": DC, "version": "Windows Server 2019", "ip": ["10.10.5.53"],
     "last_verified": date(2026, 6, 17), "rel": [("runs_on", "CI-SRV-VH-02")]},
    {"id": "CI-VM-OA-OLD", "name": "OA 旧版服务器（已迁移）", "class": "virtual_machine", "status": "retired",
     "owner": "liu.yang", "location": DC, "version": "Windows Server 2008 R2", "last_verified": date(2025, 12, 10),
     "comment": "OA 已于 2025 年底迁移至 CI-VM-OA-01，保留只读备查"},
    # —— 数据库 ——
    {"id": "CI-DB-CORE", "name": "核心业务数据库", "class": "database", "status": "in_use", "owner": "zhang.wei",
     "location": DC, "vendor": "Oracle", "model": "Oracle Database RAC", "version": "19.18", "last_verified": date(2026, 6, 18),
     "rel": [("runs_on", "CI-SRV-DB-01"), ("runs_on", "CI-SRV-DB-02"), ("backed_by", "CI-SRV-BAK-01")]},
    {"id": "CI-DB-CREDIT", "name": "信贷数据库", "class": "database", "status": "changed", "owner": "zhang.wei",
     "location": DC, "vendor": "Oracle", "model": "Oracle Database", "version": "19.18", "last_verified": date(2026, 9, 28),
     "rel": [("runs_on", "CI-SRV-DB-02"), ("backed_by", "CI-SRV-BAK-01")],
     "comment": "2026 年 9 月由 11g 升级至 19c（见变更单），待下次巡检核对"},
    {"id": "CI-DB-FIN", "name": "财务数据库", "class": "database", "status": "in_use", "owner": "zhang.wei",
     "location": DC, "vendor": "Oracle", "model": "MySQL Community", "version": "8.0.28", "last_verified": date(2026, 3, 12),
     "rel": [("runs_on", "CI-VM-FIN-APP"), ("backed_by", "CI-SRV-BAK-01")]},
    {"id": "CI-DB-OA", "name": "OA 数据库", "class": "database", "status": "in_use", "owner": "zhang.wei",
     "location": DC, "vendor": "Oracle", "model": "MySQL Community", "version": "5.7.40", "last_verified": date(2026, 6, 18),
     "rel": [("runs_on", "CI-VM-OA-01"), ("backed_by", "CI-SRV-BAK-01")]},
    # —— 存储 ——
    {"id": "CI-STO-SAN-01", "name": "SAN 集中存储", "class": "storage", "status": "in_use", "owner": "wang.qiang",
     "location": DC, "vendor": "华为", "model": "OceanStor 5310", "serial": "210235G7H910N4000017",
     "version": "V500R007C73", "warranty_until": date(2027, 8, 31), "last_verified": date(2026, 6, 17),
     "rel": [("connected_to", "CI-SW-SAN-01")]},
    {"id": "CI-STO-NAS-01", "name": "备份 NAS 存储", "class": "storage", "status": "in_use", "owner": "chen.hao",
     "location": DC_B, "vendor": "群晖", "model": "RS3621xs+", "warranty_until": date(2027, 1, 15),
     "last_verified": date(2026, 4, 2), "rel": [("connected_to", "CI-NET-CORE-02")]},
    {"id": "CI-SW-SAN-01", "name": "SAN 光纤交换机", "class": "network_device", "status": "in_use", "owner": "wang.qiang",
     "location": DC, "vendor": "博科", "model": "G620", "version": "FOS 8.2.2", "warranty_until": date(2027, 8, 31),
     "last_verified": date(2026, 6, 17)},
    # —— 网络与安全 ——
    {"id": "CI-NET-CORE-01", "name": "核心交换机01", "class": "network_device", "status": "in_use", "owner": "huang.lei",
     "location": DC, "vendor": "华为", "model": "CE6881-48S6CQ", "version": "V200R020C10", "ip": ["10.10.0.1"],
     "warranty_until": date(2027, 3, 31), "last_verified": date(2026, 6, 16),
     "rel": [("connected_to", "CI-NET-CORE-02"), ("connected_to", "CI-SEC-FW-02")]},
    {"id": "CI-NET-CORE-02", "name": "核心交换机02", "class": "network_device", "status": "in_use", "owner": "huang.lei",
     "location": DC, "vendor": "华为", "model": "CE6881-48S6CQ", "version": "V200R020C10", "ip": ["10.10.0.2"],
     "warranty_until": date(2027, 3, 31), "last_verified": date(2026, 6, 16),
     "rel": [("connected_to", "CI-NET-CORE-01"), ("connected_to", "CI-SEC-FW-02")]},
    {"id": "CI-NET-ACC-01", "name": "营业部接入交换机", "class": "network_device", "status": "in_use", "owner": "huang.lei",
     "location": HALL, "vendor": "新华三", "model": "S5130S-28S-EI", "ip": ["10.30.0.11"],
     "warranty_until": date(2027, 1, 31), "last_verified": date(2026, 6, 19),
     "rel": [("connected_to", "CI-NET-CORE-01")]},
    {"id": "CI-NET-ACC-02", "name": "城东支行接入交换机", "class": "network_device", "status": "in_use",
     "owner": "huang.lei", "location": BRANCH, "vendor": "新华三", "model": "S5130S-28S-EI", "ip": ["10.40.0.11"],
     "warranty_until": date(2026, 3, 31), "last_verified": date(2025, 11, 20),
     "rel": [("connected_to", "CI-NET-RT-02")], "comment": "上半年巡检未到支行核对，已超期"},
    {"id": "CI-NET-RT-01", "name": "广域网汇聚路由器", "class": "network_device", "status": "in_use", "owner": "huang.lei",
     "location": DC, "vendor": "华为", "model": "AR6280", "version": "V300R021C10", "ip": ["10.0.255.1"],
     "warranty_until": date(2027, 3, 31), "last_verified": date(2026, 6, 16),
     "rel": [("connected_to", "CI-NET-CORE-01"), ("connected_to", "CI-NET-RT-02")]},
    {"id": "CI-NET-RT-02", "name": "城东支行路由器", "class": "network_device", "status": "in_use", "owner": "huang.lei",
     "location": BRANCH, "vendor": "华为", "model": "AR651", "ip": ["10.0.255.41"],
     "warranty_until": date(2027, 3, 31), "last_verified": date(2025, 11, 20),
     "rel": [("connected_to", "CI-NET-RT-01")]},
    {"id": "CI-SEC-FW-01", "name": "互联网边界防火墙", "class": "security_device", "status": "in_use", "owner": "huang.lei",
     "location": DC, "vendor": "华为", "model": "USG6555E", "version": "V600R007C20", "ip": ["10.1.0.1"],
     "warranty_until": date(2027, 1, 10), "licence_until": date(2027, 1, 10), "last_verified": date(2026, 6, 16),
     "rel": [("connected_to", "CI-SEC-FW-02")], "comment": "IPS/AV 特征库授权与维保同日到期"},
    {"id": "CI-SEC-FW-02", "name": "核心区防火墙", "class": "security_device", "status": "in_use", "owner": "huang.lei",
     "location": DC, "vendor": "深信服", "model": "AF-1000-B1500", "ip": ["10.1.0.2"],
     "warranty_until": date(2027, 6, 30), "last_verified": date(2026, 6, 16),
     "rel": [("connected_to", "CI-NET-CORE-01"), ("connected_to", "CI-NET-CORE-02")]},
    {"id": "CI-SEC-WAF-01", "name": "网银 Web 应用防火墙", "class": "security_device", "status": "testing",
     "owner": "huang.lei", "location": DC, "vendor": "长亭科技", "model": "雷池 WAF", "version": "6.2",
     "last_verified": date(2026, 11, 6), "rel": [("connected_to", "CI-SEC-FW-01")],
     "comment": "11 月上线前试运行，旁路模式"},
    # —— 动力与终端 ——
    {"id": "CI-UPS-DC-01", "name": "数据中心 UPS", "class": "ups", "status": "in_use", "owner": "chen.hao",
     "location": DC, "vendor": "山特", "model": "3C3 Pro 60K", "warranty_until": date(2026, 12, 15),
     "last_verified": date(2026, 6, 16), "labels": {"battery_replaced": "2024-05"}},
    {"id": "CI-UPS-BR-01", "name": "城东支行 UPS", "class": "ups", "status": "in_use", "owner": "chen.hao",
     "location": BRANCH, "vendor": "山特", "model": "C10KS", "warranty_until": date(2025, 12, 31),
     "last_verified": date(2025, 11, 20)},
    {"id": "CI-PRT-YYB-01", "name": "营业部存折打印机01", "class": "printer", "status": "in_use", "owner": "xu.ting",
     "location": HALL, "vendor": "映美", "model": "FP-630K+", "warranty_until": date(2027, 4, 30),
     "last_verified": date(2026, 6, 19), "labels": {"asset_tag": "HXB-YY-2023-0211"},
     "rel": [("connected_to", "CI-WS-TELLER-01")]},
    {"id": "CI-PRT-YYB-02", "name": "营业部存折打印机02", "class": "printer", "status": "in_use", "owner": "xu.ting",
     "location": HALL, "vendor": "映美", "model": "FP-630K+", "warranty_until": date(2027, 4, 30),
     "last_verified": date(2026, 6, 19), "labels": {"asset_tag": "HXB-YY-2023-0212"},
     "rel": [("connected_to", "CI-WS-TELLER-01")]},
    {"id": "CI-PRT-YYB-03", "name": "营业部存折打印机03（旧）", "class": "printer", "status": "disposed", "owner": "xu.ting",
     "location": HALL, "vendor": "实达", "model": "BP-900K", "last_verified": date(2026, 6, 19),
     "comment": "2026 年 6 月报废处置，资产已注销"},
    {"id": "CI-PRT-IT-01", "name": "信息科技部网络打印机", "class": "printer", "status": "in_use", "owner": "zhang.wei",
     "location": ITOFFICE, "vendor": "惠普", "model": "LaserJet M706n", "ip": ["10.50.0.21"],
     "warranty_until": date(2027, 2, 28), "last_verified": date(2026, 6, 19),
     "rel": [("connected_to", "CI-NET-CORE-02")]},
    {"id": "CI-WS-TELLER-01", "name": "营业部柜员终端（1 号窗口）", "class": "workstation", "status": "in_use",
     "owner": "xu.ting", "location": HALL, "vendor": "联想", "model": "启天 M437", "version": "Windows 10 LTSC",
     "warranty_until": date(2027, 9, 30), "last_verified": date(2026, 6, 19),
     "rel": [("connected_to", "CI-NET-ACC-01"), ("depends_on", "CI-APP-TELLER")]},
    # —— 软件许可 ——
    {"id": "CI-LIC-ORACLE", "name": "Oracle 数据库企业版许可及技术支持", "class": "software_licence", "status": "in_use",
     "owner": "zhang.wei", "vendor": "Oracle", "licence_until": date(2027, 6, 30), "last_verified": date(2026, 6, 18),
     "labels": {"quantity": "8 processor"}},
    {"id": "CI-LIC-VMWARE", "name": "VMware vSphere 企业版许可", "class": "software_licence", "status": "in_use",
     "owner": "liu.yang", "vendor": "VMware", "version": "7.0", "licence_until": date(2026, 12, 31),
     "last_verified": date(2026, 6, 18), "labels": {"quantity": "6 CPU"}, "comment": "年底到期，续订已提交采购"},
    {"id": "CI-LIC-AV", "name": "终端防病毒软件许可", "class": "software_licence", "status": "in_use",
     "owner": "huang.lei", "vendor": "奇安信", "version": "天擎 10", "licence_until": date(2026, 10, 31),
     "last_verified": date(2026, 6, 18), "labels": {"quantity": "350 点"}, "comment": "许可已过期，续费审批中"},
    {"id": "CI-LIC-BACKUP", "name": "备份软件许可", "class": "software_licence", "status": "in_use",
     "owner": "chen.hao", "vendor": "爱数", "version": "AnyBackup 7.0", "licence_until": date(2027, 2, 28),
     "last_verified": date(2026, 4, 2)},
]

_ORDER = ("name", "class", "status", "owner", "location", "vendor", "model", "serial", "version", "supplier", "ip",
          "warranty_until", "licence_until", "last_verified", "labels")

SUPPLIER_BY_VENDOR = {"华为": "浙江博远科技有限公司", "浪潮": "浙江博远科技有限公司", "戴尔": "浙江博远科技有限公司",
                      "映美": "杭州鼎信电子设备维修有限公司", "实达": "杭州鼎信电子设备维修有限公司",
                      "Oracle": "上海甲骨数据服务有限公司"}


def ci_text(row: Row) -> str:
    record: dict[Any, Any] = {"kind": "ci", "id": row["id"]}
    for key in _ORDER:
        if key == "supplier" and row.get("vendor") in SUPPLIER_BY_VENDOR and row["class"] not in ("software_licence",):
            record["supplier"] = SUPPLIER_BY_VENDOR[row["vendor"]]
        elif key == "labels" and row.get("labels"):
            record["labels"] = Flow(row["labels"])
        elif key in row:
            record[key] = row[key]
    if row.get("comment"):
        record[Comment(row["comment"])] = None
    if row.get("rel"):
        record["relations"] = [Flow({"type": t, "target": target}) for t, target in row["rel"]]
    return document(record)


def ci_texts() -> dict[str, str]:
    return {f"cmdb/{row['id']}.yaml": ci_text(row) for row in CIS}


CI_IDS = {row["id"] for row in CIS}
