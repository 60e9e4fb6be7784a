"""The problems, changes and complaints of the 华信银行 contract, Aug-Nov 2026."""

# ruff: noqa: E501  (data tables: one record per line reads better than wrapped text)

from __future__ import annotations

from datetime import timedelta

from storegen.planned import ChangeSpec, ComplaintSpec, ProblemSpec

U, UU, NU = "urgent", "very_urgent", "not_urgent"
IND, SOME, ALL = "individual", "some", "all"
IMP, VIMP, NIMP = "important", "very_important", "not_important"

PROBLEMS: dict[str, ProblemSpec] = {
    "printer": ProblemSpec(
        "营业部存折打印机频繁卡纸", "8 月以来营业部存折打印机卡纸事件反复发生，影响柜面效率。",
        ("CI-PRT-YYB-01", "CI-PRT-YYB-02"), (U, SOME, IMP),
        "新版存折封面磁条保护膜边缘易翘起，进折时被导轨刮起卡入打印通道；打印机进纸导轨间隙出厂设置偏小。",
        "每日开门前清理进纸通道并检查导轨；柜员进折前压平存折封面保护膜。", True, None),
    "mq": ProblemSpec(
        "柜面交易间歇性缓慢", "营业部多次反映柜面交易响应缓慢，每次持续 10-30 分钟后自行恢复。",
        ("CI-APP-TELLER", "CI-APP-CORE", "CI-MW-MQ"), (U, SOME, VIMP),
        "核心前置 MQ 通道批量消息与联机交易共用队列，日间批量推送时联机消息排队；且缺少队列深度监控。",
        "发现交易缓慢时手工清理积压消息并重启通道。", True,
        "实施变更拆分批量与联机队列并增加队列深度监控，试运行两周未复发。"),
    "ebank": ProblemSpec(
        "网银应用连接池耗尽", "网银登录超时事件反复出现，每次需重启应用节点恢复。",
        ("CI-APP-EBANK", "CI-VM-EBANK-01", "CI-VM-EBANK-02"), (U, SOME, VIMP),
        "网银 V4.0.7 版本在短信验证超时分支未释放数据库连接，连接池逐步耗尽（厂商已确认缺陷）。",
        "每日凌晨 2 点滚动重启网银应用节点；连接池使用率超过 80% 时告警并手工重启。", True, None),
    "backup": ProblemSpec(
        "夜间备份作业间歇失败", "备份作业每周失败 1-2 次，失败时间集中在凌晨 1 点至 3 点。",
        ("CI-SRV-BAK-01", "CI-STO-NAS-01", "CI-LIC-BACKUP"), (NU, SOME, IMP),
        "初步怀疑备份窗口与核心批量重叠导致 I/O 争用，仍在分析。", None, False, None),
    "branch": ProblemSpec(
        "城东支行广域网线路不稳定", "城东支行 8-9 月多次网络中断或丢包。",
        ("CI-NET-RT-02", "CI-NET-ACC-02"), (U, SOME, VIMP),
        "运营商接入段光缆老化，衰耗超标；支行侧光模块亦有衰减。",
        "故障时切换至 4G 备份线路。", True,
        "运营商更换接入光缆，支行更换光模块，连续一个月无中断。"),
    "oa": ProblemSpec(
        "OA 与域控密码同步失败", "员工修改域密码后 OA 登录失败的事件反复出现。",
        ("CI-APP-OA",), (NU, SOME, IMP),
        "OA 同步任务使用的服务账号密码过期，定时同步任务静默失败。",
        None, False, "服务账号改为永不过期并纳入月度巡检，同步任务失败时发送告警邮件。"),
}

STEPS_BACKUP = "变更前完成全量备份并确认可恢复"

CHANGES: dict[str, ChangeSpec] = {
    "oa-disk": ChangeSpec(
        "OA 附件存储目录扩容", "OA 附件分区使用率持续高于 90%，扩容至 1TB。", ("CI-APP-OA", "CI-VM-OA-01"),
        (NU, SOME, IMP), "standard", "low",
        "消除 OA 附件目录空间不足隐患", "为 OA 虚拟机新增 500GB 磁盘并扩展附件目录逻辑卷",
        ("变更前对 OA 虚拟机做快照", "添加虚拟磁盘并扩展逻辑卷", "验证附件上传下载", "观察 24 小时后删除快照"),
        ("liu.yang", "zhang.wei"), "无额外费用（使用现有存储容量）",
        "扩容在下班后进行；快照保留至验证完成", "如扩容失败，回滚至变更前快照",
        window=timedelta(hours=2), trial_days=3),
    "mq": ChangeSpec(
        "核心前置 MQ 队列拆分及监控优化", "根据问题分析结论，拆分批量与联机队列并增加队列深度监控。",
        ("CI-MW-MQ", "CI-APP-CORE"), (U, SOME, VIMP), "normal", "medium",
        "消除柜面交易间歇缓慢问题", "新建批量专用队列及通道，调整核心前置路由配置，监控平台增加队列深度告警",
        (STEPS_BACKUP, "备份 MQ 配置及前置路由配置", "新建批量队列和通道", "修改前置路由，批量消息走新队列",
         "联机及批量交易验证", "配置队列深度监控及告警阈值"),
        ("wang.qiang", "sun.wei", "zhang.wei"), "人工 3 人日，无采购费用",
        "变更窗口安排在周六夜间；核心厂商工程师远程支持；变更期间营业部不营业",
        "恢复备份的 MQ 配置和路由配置，删除新建队列，重启通道",
        window=timedelta(hours=4), trial_days=14),
    "credit-db": ChangeSpec(
        "信贷数据库 Oracle 11g 升级至 19c", "Oracle 11g 已停止支持，按年度计划升级信贷数据库至 19c。",
        ("CI-DB-CREDIT", "CI-APP-CREDIT", "CI-SRV-DB-02"), (NU, ALL, VIMP), "normal", "high",
        "信贷数据库升级到受支持的版本", "使用 AutoUpgrade 将信贷数据库由 11.2.0.4 升级至 19.18，迁移至 DB-02 服务器",
        (STEPS_BACKUP, "停止信贷应用", "执行 AutoUpgrade 预检查并修复问题", "执行升级", "收集统计信息",
         "启动信贷应用并完成业务验证", "更新配置库"),
        ("sun.wei", "wang.qiang", "zhang.wei"), "人工 6 人日；Oracle 原厂远程支持按服务合同",
        "提前两周在测试环境完成两次演练；升级前 RMAN 全备并恢复验证；业务部门提前通知",
        "如升级失败或验证不通过，使用 Flashback 还原点回退至 11g，启动原服务器数据库",
        window=timedelta(hours=8), trial_days=7),
    "core-switch": ChangeSpec(
        "核心交换机 02 系统软件升级", "厂商安全公告要求升级核心交换机系统软件修复漏洞。",
        ("CI-NET-CORE-02",), (NU, ALL, VIMP), "normal", "high",
        "修复核心交换机高危漏洞", "核心交换机 02 由 V200R020C10 升级至 V200R022C00SPC500",
        ("备份交换机配置", "将业务流量切换至核心交换机 01", "加载新版本并重启", "检查堆叠及链路状态",
         "流量切回并验证业务"),
        ("wang.qiang", "huang.lei"), "原厂服务合同内，无额外费用",
        "单台升级，另一台承载全部流量；厂商工程师现场支持", "回退至原版本系统软件并恢复配置",
        window=timedelta(hours=3), outcome="rolled_back",
        rollback_reason="升级后与核心交换机 01 的 M-LAG 心跳异常，厂商现场无法在窗口内解决，按回退方案回退"),
    "core-switch-redo": ChangeSpec(
        "核心交换机 02 系统软件升级（第二次实施）", "首次升级回退后，厂商提供兼容版本，重新实施升级。",
        ("CI-NET-CORE-02", "CI-NET-CORE-01"), (NU, ALL, VIMP), "normal", "high",
        "修复核心交换机高危漏洞", "两台核心交换机依次升级至 V200R022C00SPC600（已在实验室验证 M-LAG 兼容）",
        ("备份两台交换机配置", "流量切换至核心交换机 01", "升级核心交换机 02 并验证 M-LAG",
         "流量切换至核心交换机 02", "升级核心交换机 01", "恢复流量并验证业务"),
        ("wang.qiang", "huang.lei", "sun.wei"), "原厂服务合同内，无额外费用",
        "厂商二线专家远程待命；升级前演练回退", "回退至 V200R020C10 并恢复配置",
        window=timedelta(hours=5), outcome="scheduled"),
    "firewall": ChangeSpec(
        "紧急封禁境外扫描地址并更新防火墙特征库", "监测到针对网银的大规模扫描，需立即更新边界防火墙策略。",
        ("CI-SEC-FW-01",), (UU, SOME, VIMP), "emergency", "medium",
        "阻断攻击流量，保障网银可用", "在边界防火墙添加地址黑名单，更新 IPS 特征库",
        ("备份防火墙配置", "添加黑名单地址组及阻断策略", "更新 IPS 特征库", "验证网银访问"),
        ("wang.qiang", "huang.lei"), "无", "先在旁路模式观察 10 分钟再启用阻断", "删除新增策略，恢复备份配置",
        window=timedelta(hours=1), trial_days=3),
    "waf": ChangeSpec(
        "网银 Web 应用防火墙上线", "为满足等级保护测评要求，在网银前部署 WAF。",
        ("CI-SEC-WAF-01", "CI-APP-EBANK"), (NU, SOME, VIMP), "normal", "medium",
        "网银应用层攻击防护", "WAF 串接部署于互联网防火墙与网银负载之间，先旁路观察后切换为防护模式",
        ("部署 WAF 并配置旁路", "旁路观察一周，调整误报规则", "切换为串接防护模式", "业务验证"),
        ("wang.qiang", "huang.lei"), "WAF 设备由客户采购；实施人工 4 人日",
        "配置 bypass 硬件旁路，故障时自动直通", "切换回旁路模式，流量不经过 WAF",
        window=timedelta(hours=3), trial_days=14, outcome="trial_run"),
    "vh-expand": ChangeSpec(
        "虚拟化集群扩容（新增宿主机 03）", "虚拟化集群 CPU 使用率超过 70%，新增一台宿主机。",
        ("CI-SRV-VH-03", "CI-LIC-VMWARE"), (NU, SOME, IMP), "normal", "medium",
        "虚拟化集群容量满足 2027 年业务增长", "新宿主机上架、加入集群并均衡负载",
        ("设备到货验收", "上架加电及网络配置", "安装 ESXi 并加入集群", "迁移部分虚拟机并观察"),
        ("liu.yang", "chen.hao"), "设备采购约 18 万元（客户预算）",
        "加入集群前完成硬件压力测试", "将新主机移出集群，虚拟机迁回原主机",
        outcome="assessed"),
}

COMPLAINTS: dict[str, ComplaintSpec] = {
    "late": ComplaintSpec(
        "城东支行投诉工程师到场不及时", "支行网络中断，工程师承诺 1 小时内到场，实际 2 小时 40 分钟才到，且未提前告知。",
        ("chen.hao",), "zhou.min", "gao.yan",
        "向支行书面致歉；巡场工程师出发及预计到达时间须报服务台并告知客户；支行故障由服务台每 30 分钟跟进到场情况。",
        "经核实：工程师当日在营业部处理其他故障，服务台未及时改派（重派超时），投诉属实。"),
    "attitude": ComplaintSpec(
        "营业部投诉工程师处理后未清理现场", "更换柜员终端后遗留包装材料和旧配件在柜台下，影响柜员办公。",
        ("liu.yang",), "zhou.min", "xu.ting",
        "工程师当面致歉并清理现场；服务单增加“现场清理”确认项。",
        "经核实属实，工程师因赶往下一个故障现场未清理。"),
    "holiday": ComplaintSpec(
        "国庆期间服务热线无人接听", "10 月 2 日晚核心批量异常，信息科技部拨打服务热线 3 次无人接听，改打项目经理手机才联系上。",
        ("zhao.li",), "he.jing", "li.na",
        "节假日值班电话改为呼叫转移至值班工程师手机；值班表提前报客户；增加节假日热线拨测。",
        "经核实：节假日热线未设置呼叫转移，值班安排未覆盖夜间，投诉属实。"),
    "repeat": ComplaintSpec(
        "营业部投诉存折打印机故障反复", "存折打印机卡纸问题 3 个月来反复出现，每次修好后不久又坏，营业部要求彻底解决。",
        ("wang.qiang",), "he.jing", "xu.ting", None,
        "已调取近三个月打印机事件记录，与问题单关联分析，拟与厂商沟通整改方案。"),
}
