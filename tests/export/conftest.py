"""A small store for the export's tests: the example store plus a hostile-text incident, a
November request and a callback survey."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_STORE

HOSTILE = '=HYPERLINK("http://evil.example","点我"), 逗号 "引号"'

INCIDENT = f"""kind: incident
id: INC-2610-9ZZ2X
title: '{HOSTILE.replace("'", "''")}'
service: SVC-ONSITE
sla: SLA-MAIN
requester: li.na
assignee: wang.qiang
group: onsite
channel: phone
dimensions: {{urgency: high, impact: one}}
priority: P2
status: resolved
events:
  - {{id: E9ZZ2X, at: 2026-10-20T10:00:00+08:00, by: wang.qiang, type: opened}}
  - {{id: EA9ZZ2, at: 2026-10-20T10:05:00+08:00, by: zhou.min, type: assigned, to: wang.qiang, group: onsite}}
  - id: EB9ZZ2
    at: 2026-10-20T13:00:00+08:00
    by: wang.qiang
    type: note
    note: |-
      -第一行, with a comma
      第二行 "quoted"
  - {{id: EC9ZZ2, at: 2026-10-20T18:30:00+08:00, by: wang.qiang, type: resolved, resolution: '@重启服务'}}
"""

REQUEST = """kind: request
id: REQ-2611-4BC7D
title: 开通 VPN 账号
service: SVC-ONSITE
sla: SLA-MAIN
requester: li.na
channel: phone
dimensions: {urgency: high, impact: one}
priority: P2
status: new
events:
  - {id: E4BC7D, at: 2026-11-02T09:00:00+08:00, by: zhou.min, type: opened}
"""

SURVEY = """kind: survey
id: SUR-2610-5QW3E
survey_type: callback
ticket: INC-2610-7KQ3P
at: 2026-10-10T10:00:00+08:00
by: zhou.min
respondent: li.na
score: 4
comment: '+满意'
"""


@pytest.fixture
def export_store(tmp_path: Path) -> Path:
    root = tmp_path / "records"
    shutil.copytree(EXAMPLE_STORE, root)
    (root / "tickets/2026/10/INC-2610-9ZZ2X.yaml").write_text(INCIDENT, encoding="utf-8")
    (root / "tickets/2026/11").mkdir(parents=True)
    (root / "tickets/2026/11/REQ-2611-4BC7D.yaml").write_text(REQUEST, encoding="utf-8")
    (root / "surveys/2026/10").mkdir(parents=True)
    (root / "surveys/2026/10/SUR-2610-5QW3E.yaml").write_text(SURVEY, encoding="utf-8")
    return root
