"""The sample release: the WAF change shipped with the known error it carries (docs/releases.md).

Kept as the text users read (a release is written by ``itsmctl release`` verbs step by step,
and this file is what they wrote), not built from a dict.
"""

from __future__ import annotations

RELEASE_PATH = "releases/REL-2026-11-01.yaml"

RELEASE_TEXT = """\
kind: release
id: REL-2026-11-01
title: 网银 Web 应用防火墙上线发布
changes: [CHG-2610-YCSFF]
known_errors:
  - problem: PRB-2610-51PV1
    description: 网银应用连接池耗尽；临时解决办法：每日凌晨 2 点滚动重启网银应用节点，连接池使用率超过 80% 时告警并手工重启。
  - description: WAF 切换为防护模式后，个别老版本浏览器访问网银登录页偶发验证码加载缓慢，已加入误报规则观察清单。
plan:
  window_start: 2026-11-07T21:00:00+08:00
  window_end: 2026-11-08T00:00:00+08:00
  owner: wang.qiang
  steps:
    - 发布前通知网银业务部门并确认信息科技部人员在场
    - WAF 由旁路观察切换为串接防护模式
    - 网银登录、转账、查询交易抽样验证
    - 观察 30 分钟告警与误报日志
rollback_plan: 切换回旁路模式（bypass 硬件直通），流量不经过 WAF；回退后复核网银交易。
approved:
  by: zhou.min
  at: 2026-10-29T14:00:00+08:00
  notes: 变更已获客户邮件批准（华信银行信息科技部邮件 2026-10-29）
deployed:
  by: wang.qiang
  at: 2026-11-07T22:58:00+08:00
  notes: 按计划完成切换，未触发回退条件
verification:
  by: sun.wei
  at: 2026-11-08T09:30:00+08:00
  result: pass
  notes: 登录、转账、查询交易抽样 30 笔全部成功；WAF 拦截日志无误报。客户验收待试运行期（至 2026-11-22）结束后进行。
"""


def release_texts() -> dict[str, str]:
    return {RELEASE_PATH: RELEASE_TEXT}
