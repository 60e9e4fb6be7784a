"""What goes wrong at a small bank, and what its staff ask for: ticket templates.

Each template gives a title, a description, the service and CIs, a category, typical
priority dimensions (urgency, impact, importance), the delivery mode and how it was
fixed.  ``{w}`` in a text is a counter window number, filled in per ticket.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Template:
    title: str
    description: str
    service: str
    cis: tuple[str, ...]
    category: str
    dims: tuple[str, str, str]
    delivery: str
    resolution: str
    part: str | None = None
    """A spare part the fix needs (the ticket waits on the vendor for it)."""
    alt_dims: tuple[tuple[str, str, str], ...] = field(default=())
    weight: int = 3
    branch: bool = False
    """At 城东支行: the roaming engineer goes."""


U, UU, NU = "urgent", "very_urgent", "not_urgent"
IND, SOME, ALL = "individual", "some", "all"
IMP, VIMP, NIMP = "important", "very_important", "not_important"

INCIDENTS: list[Template] = [
    Template("营业部{w}号窗口存折打印机卡纸", "柜员反映存折打印机进折后卡纸，无法打印存折，已影响该窗口业务办理。",
             "SVC-ONSITE", ("CI-PRT-YYB-01",), "printer", (U, IND, IMP), "onsite",
             "清理打印通道异物，调整进纸导轨，测试打印正常。", alt_dims=((NU, IND, IMP),), weight=8),
    Template("营业部{w}号窗口存折打印机打印错行", "存折补登时打印位置整体下移一行，柜员无法正常补登。",
             "SVC-ONSITE", ("CI-PRT-YYB-02",), "printer", (U, IND, IMP), "onsite",
             "重新校准打印机页首位置并更新驱动参数，补登测试正常。", weight=5),
    Template("存折打印机打印头损坏需更换", "打印机打印字迹断线，自检页缺针，判断打印头损坏。",
             "SVC-SPARE", ("CI-PRT-YYB-01",), "printer", (U, IND, IMP), "onsite",
             "更换打印头，自检及补登测试正常，旧件返厂。", part="映美 FP-630K+ 打印头", weight=3),
    Template("柜员终端开机蓝屏", "营业部{w}号窗口柜员终端开机蓝屏，错误代码 0x0000007B，无法登录柜面系统。",
             "SVC-ONSITE", ("CI-WS-TELLER-01",), "desktop", (U, IND, IMP), "onsite",
             "修复磁盘引导及存储驱动，系统恢复正常，柜面系统登录测试通过。", weight=5),
    Template("柜员终端硬盘故障", "柜员终端频繁卡死，硬盘 SMART 告警，需更换硬盘并恢复标准镜像。",
             "SVC-SPARE", ("CI-WS-TELLER-01",), "desktop", (U, IND, IMP), "onsite",
             "更换固态硬盘，恢复标准镜像并安装柜面控件，交付柜员使用。", part="512GB 固态硬盘", weight=2),
    Template("柜面系统交易响应缓慢", "营业部多个窗口反映柜面交易提交后等待 20 秒以上才返回，排队客户增多。",
             "SVC-ONSITE", ("CI-APP-TELLER", "CI-APP-CORE"), "application", (U, SOME, VIMP), "onsite",
             "定位为核心前置 MQ 通道堆积，清理积压消息并重启通道，交易响应恢复到 2 秒以内。",
             alt_dims=((UU, SOME, VIMP),), weight=3),
    Template("核心业务系统批量作业失败", "日终批量 ACCT_SETTLE 步骤报错退出，需在次日开门前完成。",
             "SVC-ONSITE", ("CI-APP-CORE", "CI-DB-CORE"), "application", (UU, ALL, VIMP), "onsite",
             "表空间不足导致批量失败，扩展表空间后重跑批量成功，核对账务平衡。", weight=1),
    Template("网上银行登录偶发超时", "部分客户反映网银登录页面加载超时，监控显示网银应用响应时间升高。",
             "SVC-ONSITE", ("CI-APP-EBANK", "CI-VM-EBANK-01"), "application", (U, SOME, VIMP), "remote",
             "网银应用连接池耗尽，调整连接池参数并重启应用节点，登录恢复正常。", weight=3),
    Template("信贷系统无法生成合同打印文件", "信贷管理部反映放款合同打印时提示\"模板加载失败\"。",
             "SVC-ONSITE", ("CI-APP-CREDIT",), "application", (U, SOME, IMP), "remote",
             "合同模板目录权限被误改，恢复目录权限后生成正常。", weight=3),
    Template("信贷系统审批流程卡在支行节点", "城东支行提交的贷款审批单停留在支行行长节点，无法流转。",
             "SVC-SUPPORT", ("CI-APP-CREDIT",), "application", (NU, IND, IMP), "remote",
             "审批人岗位配置缺失，协助信贷管理部补录岗位后流程正常流转。", weight=2),
    Template("财务系统月结凭证无法过账", "计划财务部月末结账时，部分凭证过账报错。",
             "SVC-ONSITE", ("CI-APP-FIN", "CI-DB-FIN"), "application", (U, SOME, VIMP), "onsite",
             "数据库锁等待导致过账超时，终止阻塞会话后重新过账成功。", weight=2),
    Template("OA 系统附件上传失败", "多名员工反映 OA 公文附件上传到 99% 后报错。",
             "SVC-SUPPORT", ("CI-APP-OA",), "application", (NU, SOME, IMP), "remote",
             "OA 附件目录所在分区使用率 100%，清理临时文件并扩容后上传正常。", weight=3),
    Template("OA 系统登录提示密码错误", "{w} 名员工修改域密码后无法登录 OA。",
             "SVC-SUPPORT", ("CI-APP-OA",), "account", (NU, IND, NIMP), "remote",
             "OA 与域控同步任务失败，手工触发同步并修复定时任务。", weight=3),
    Template("邮件无法外发", "员工发送外部邮件被退回，提示 550 被拒收。",
             "SVC-SUPPORT", ("CI-APP-MAIL",), "application", (U, SOME, IMP), "remote",
             "出口 IP 被对端列入黑名单，申请解除并配置 SPF 记录，外发恢复。", weight=2),
    Template("城东支行网络中断", "城东支行全部终端无法访问总行系统，柜面业务中断。",
             "SVC-ONSITE", ("CI-NET-RT-02", "CI-NET-ACC-02"), "network", (UU, ALL, VIMP), "onsite",
             "运营商线路故障，切换至备份 4G 线路恢复业务，运营商修复主线路后切回。", weight=1, branch=True),
    Template("城东支行网络时断时续", "城东支行反映上午多次出现交易超时，网络监控有丢包告警。",
             "SVC-ONSITE", ("CI-NET-RT-02",), "network", (U, SOME, VIMP), "onsite",
             "路由器上联端口光模块衰减过大，更换光模块后丢包消失。", part="10G SFP+ 光模块", weight=2, branch=True),
    Template("营业部接入交换机端口故障", "营业部{w}号窗口网络不通，更换网线后仍无法获取地址。",
             "SVC-ONSITE", ("CI-NET-ACC-01",), "network", (U, IND, IMP), "onsite",
             "交换机端口损坏，调整至备用端口并更新端口台账。", weight=3),
    Template("核心交换机电源模块告警", "网管平台显示核心交换机 02 电源模块 PWR2 故障告警。",
             "SVC-REPAIR", ("CI-NET-CORE-02",), "hardware", (U, IND, VIMP), "onsite",
             "更换电源模块，告警消除，双电源工作正常。", part="华为 CE6881 电源模块", weight=1),
    Template("防火墙 CPU 使用率持续偏高", "互联网边界防火墙 CPU 使用率持续 85% 以上，网银访问偶有卡顿。",
             "SVC-ONSITE", ("CI-SEC-FW-01",), "security", (U, SOME, VIMP), "remote",
             "异常扫描流量导致会话数激增，添加黑名单策略后 CPU 恢复到 30% 左右。", weight=2),
    Template("服务器硬盘告警", "{s}管理口告警：RAID 组中一块硬盘预失效。",
             "SVC-SPARE", ("CI-SRV-VH-02",), "hardware", (U, IND, VIMP), "onsite",
             "更换预失效硬盘，RAID 重建完成，告警消除。", part="1.2TB SAS 硬盘", weight=3),
    Template("虚拟化宿主机内存告警", "虚拟化宿主机 01 报告内存 ECC 可纠正错误次数超限。",
             "SVC-REPAIR", ("CI-SRV-VH-01",), "hardware", (U, SOME, VIMP), "onsite",
             "迁移虚拟机后更换故障内存条，压力测试通过，虚拟机迁回。", part="32GB DDR4 RDIMM 内存", weight=1),
    Template("数据库归档空间不足告警", "核心数据库归档日志目录使用率超过 90%。",
             "SVC-ONSITE", ("CI-DB-CORE",), "database", (U, ALL, IMP), "remote",
             "手工备份并清理已备份归档日志，调整 RMAN 归档删除策略。", weight=2),
    Template("备份作业失败", "备份软件报告昨夜{s}备份作业失败。",
             "SVC-SUPPORT", ("CI-SRV-BAK-01", "CI-LIC-BACKUP"), "backup", (NU, SOME, IMP), "remote",
             "备份代理服务异常退出，重启代理并补做全量备份成功。", weight=4),
    Template("UPS 电池自检告警", "{s}UPS 自检提示电池组容量不足。",
             "SVC-3RD", ("CI-UPS-BR-01",), "hardware", (NU, SOME, IMP), "onsite",
             "联系 UPS 厂家上门检测，更换老化电池组。", part="UPS 电池组（12V 100Ah ×16）", weight=1, branch=True),
    Template("网络打印机无法打印", "信息科技部网络打印机打印任务一直排队。",
             "SVC-ONSITE", ("CI-PRT-IT-01",), "printer", (NU, SOME, NIMP), "onsite",
             "打印服务器队列卡住，清空队列并重启打印服务。", weight=3),
    Template("网络打印机定影组件故障", "打印件有重影，机器提示 50.x 定影错误。",
             "SVC-3RD", ("CI-PRT-IT-01",), "printer", (NU, SOME, NIMP), "onsite",
             "送修厂家更换定影组件，测试打印正常。", part="HP M706 定影组件", weight=1),
    Template("监管报送系统报文校验失败", "EAST 报送前校验提示部分报文字段为空。",
             "SVC-SUPPORT", ("CI-APP-REPORT",), "application", (U, SOME, VIMP), "remote",
             "取数脚本未适配新增字段，修改脚本后重新生成报文，校验通过。", weight=2),
    Template("终端病毒告警", "防病毒平台告警：{w} 台终端检出木马程序。",
             "SVC-SUPPORT", ("CI-LIC-AV",), "security", (U, IND, VIMP), "onsite",
             "隔离终端，查杀病毒并更新病毒库，排查来源为外来 U 盘。", weight=2),
    Template("员工电脑无法上网", "{d}员工电脑无法打开内网网页，提示 DNS 解析失败。",
             "SVC-SUPPORT", (), "desktop", (NU, IND, NIMP), "remote",
             "网卡 DNS 被手工修改，恢复为自动获取后正常。", weight=5),
    Template("高拍仪无法识别", "营业部{w}号窗口高拍仪插上后柜面系统提示设备未连接。",
             "SVC-ONSITE", ("CI-WS-TELLER-01",), "desktop", (U, IND, IMP), "onsite",
             "重新安装高拍仪驱动及控件，测试识别身份证正常。", weight=4),
]

REQUESTS: list[Template] = [
    Template("新员工开通 OA 及邮箱账号", "{d}新入职员工 {w} 名，需开通 OA、邮箱和域账号。",
             "SVC-REQ", ("CI-APP-OA", "CI-APP-MAIL"), "account", (NU, IND, IMP), "remote",
             "已开通账号并告知初始密码，要求首次登录修改。", weight=6),
    Template("员工离职账号注销", "{d}员工离职，注销 OA、邮箱、VPN 账号并回收终端。",
             "SVC-REQ", ("CI-APP-OA",), "account", (NU, IND, IMP), "remote",
             "账号已禁用，邮箱数据按规定导出归档。", weight=3),
    Template("申请安装 PDF 编辑软件", "{d}员工申请安装正版 PDF 编辑软件。",
             "SVC-REQ", (), "software", (NU, IND, NIMP), "remote",
             "远程安装软件并激活，告知使用注意事项。", weight=5),
    Template("打印机更换硒鼓", "信息科技部网络打印机提示碳粉不足。",
             "SVC-REQ", ("CI-PRT-IT-01",), "printer", (NU, IND, NIMP), "onsite",
             "更换硒鼓，打印测试页正常。", weight=4),
    Template("会议室视频会议保障", "{d}周五下午召开全辖视频会议，需要现场技术保障。",
             "SVC-REQ", (), "meeting", (NU, SOME, IMP), "onsite",
             "会前调试音视频设备，会议全程保障，无异常。", weight=3),
    Template("开通 VPN 远程访问权限", "{d}因出差需临时开通 VPN 访问 OA 的权限（两周）。",
             "SVC-REQ", ("CI-SEC-FW-01",), "account", (NU, IND, IMP), "remote",
             "已开通临时 VPN 账号，有效期两周，到期自动禁用。", weight=3),
    Template("恢复误删的共享文件", "{d}员工误删共享盘中的报表文件夹，需要从备份恢复。",
             "SVC-REQ", ("CI-SRV-BAK-01",), "backup", (U, IND, IMP), "remote",
             "从前一日备份恢复文件夹，经员工确认文件完整。", weight=3),
    Template("新增柜员终端部署", "营业部新增{w}号窗口，需部署柜员终端、外设并接入网络。",
             "SVC-REQ", ("CI-WS-TELLER-01", "CI-NET-ACC-01"), "desktop", (NU, IND, IMP), "onsite",
             "终端恢复标准镜像，安装柜面控件及外设驱动，联调通过。", weight=2),
    Template("申请数据库只读账号", "信贷管理部申请信贷数据库只读查询账号用于报表核对。",
             "SVC-REQ", ("CI-DB-CREDIT",), "database", (NU, IND, IMP), "remote",
             "经信息科技部审批，创建只读账号并限制可访问的视图。", weight=2),
    Template("调整防火墙访问策略", "网银新增短信服务商接口，需要放通出方向 443 端口到指定地址。",
             "SVC-REQ", ("CI-SEC-FW-01",), "security", (U, IND, IMP), "remote",
             "按审批单添加访问策略并验证连通性。", weight=2),
    Template("提供上月系统运行数据", "信息科技部需要上月核心系统可用率和交易量数据用于内部汇报。",
             "SVC-REQ", ("CI-APP-CORE",), "report", (NU, IND, IMP), "remote",
             "整理监控平台数据，输出运行数据表提交客户。", weight=2),
    Template("电脑重装系统", "{d}员工电脑运行缓慢，申请按标准镜像重装。",
             "SVC-REQ", (), "desktop", (NU, IND, NIMP), "onsite",
             "备份用户数据后恢复标准镜像，迁回数据并安装常用软件。", weight=3),
]

DEPARTMENTS = ("信息科技部", "计划财务部", "信贷管理部", "营业部", "办公室", "风险管理部", "城东支行")
SITES = ("核心应用服务器01", "虚拟化宿主机02", "备份服务器", "城东支行")
PEND_CUSTOMER = (
    "需要用户本人在场确认数据，用户外出",
    "等待客户安排停机窗口",
    "等待客户提供管理员密码",
    "用户请假，约定返岗后处理",
    "等待信息科技部审批",
)
PEND_VENDOR_NOTE = "已联系供应商发货，预计到货后上门更换"
