"""The major-incident report of one incident: timeline, impact, SLA timings, root cause, actions."""

from __future__ import annotations

from typing import Any

import pytest

from itsmctl.models import Incident
from itsmctl.store.loader import load_record
from tests.conftest import SAMPLE_RECORDS

MAJOR = "INC-2610-T7W3T"


def _report(cli: Any, incident: str, *extra: str) -> Any:
    return cli("report", "major", incident, "--records", SAMPLE_RECORDS, *extra)


def test_the_timeline_is_the_event_log_and_the_links_are_followed(cli: Any) -> None:
    result = _report(cli, MAJOR)
    assert result.code == 0, result
    text = result.stdout
    path = SAMPLE_RECORDS / "tickets/2026/10/INC-2610-T7W3T.yaml"
    incident = load_record("tickets/2026/10/INC-2610-T7W3T.yaml", str(path), path.read_bytes()).record
    assert isinstance(incident, Incident)
    timeline = text.split("## 三、处理经过", 1)[1].split("## 四", 1)[0]
    assert timeline.count("\n| 2026-10-0") == len(incident.events)
    assert "| 2026-10-02 21:37 | 周敏 | 派单 | 刘洋 |" in timeline
    assert "| 2026-10-03 02:08 | 刘洋 | 客户确认 | 现场签字 |" in timeline
    # the callback came a day and a half after the resolution: as of its own moment it is shown missed
    assert "| 回访 | 2026-10-04 00:38 | 2026-10-04 10:28 | ❌ 超时 |" in text
    assert "| 恢复 | 2026-10-08 14:30 | 2026-10-02 22:26 | ✅ 达标 |" in text
    assert "| CMP-2610-G9VH0 | 国庆期间服务热线无人接听 |" in text  # the complaint names the incident
    assert "| SUR-2610-M43HF | 2026-10-04 10:28 | 5 |" in text
    assert "CI-APP-CORE（核心业务系统）" in text and "| 影响范围 | 全部对象 |" in text
    assert _report(cli, MAJOR).stdout == text, "a closed incident's report is as of its last record: reruns match"


def test_the_root_cause_and_the_change_come_through_the_problem(cli: Any) -> None:
    text = _report(cli, "INC-2609-7TKDT", "--lang", "en").stdout
    assert "| PRB-2610-KWM23 | 柜面交易间歇性缓慢 | Closed | yes | 核心前置 MQ 通道" in text
    assert "| CHG-2610-Z5JSS | 核心前置 MQ 队列拆分及监控优化 | Closed | Successful | PRB-2610-KWM23 |" in text
    assert "not marked major" in text


@pytest.mark.parametrize(("ticket", "said"), [("CHG-2610-Z5JSS", "is a change"), ("INC-2699-ZZZZZ", "no incident")])
def test_anything_but_an_incident_is_refused(cli: Any, ticket: str, said: str) -> None:
    refused = _report(cli, ticket, "--at", "2026-11-20T15:00:00+08:00")
    assert refused.code == 2 and said in refused.stderr and not refused.stdout, refused
