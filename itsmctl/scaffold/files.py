"""The files ``itsmctl init`` writes: a small store to edit, and the CI around it."""

from __future__ import annotations

POLICY = """\
# 项目策略：人员、组、角色、优先级矩阵。把示例人员换成本项目的人员（email 用于提交归属）。
# The project's policy: people, groups, roles, priority matrix. Replace the sample people.
kind: policy
id: policy
name: {name}
organisation: 服务方公司名称
default_timezone: Asia/Shanghai
id_prefixes: {{incident: INC, request: REQ, problem: PRB, change: CHG, complaint: CMP, survey: SUR}}
people:
  - {{id: desk, name: 服务台, org: 服务方, roles: [service_desk], email: desk@example.com}}
  - {{id: engineer, name: 工程师, org: 服务方, roles: [engineer], email: engineer@example.com}}
  - {{id: manager, name: 项目经理, org: 服务方, roles: [project_manager, manager, cab], email: pm@example.com}}
  - {{id: expert, name: 技术专家, org: 服务方, roles: [expert, cab], email: expert@example.com}}
  - {{id: customer, name: 客户联系人, org: 客户方, roles: [customer]}}
  - {{id: approver, name: 客户审批人, org: 客户方, roles: [customer, customer_approver]}}
  # the escalation job acts as this person (itsmctl escalate --by itsmctl)
  - {{id: itsmctl, name: 自动升级, org: 服务方, roles: [service_desk]}}
groups:
  - {{id: onsite, name: 驻场组, members: [engineer]}}
{priority}{confirmation}commit: true
"""

PRIORITY = """\
priority:
  dimensions:
    - id: urgency
      name: 紧急程度
      levels: [{id: low, name: 低}, {id: high, name: 高}]
    - id: impact
      name: 影响范围
      levels: [{id: one, name: 个别对象}, {id: all, name: 全部对象}]
  levels: [{id: P1, name: 紧急}, {id: P2, name: 高}, {id: P3, name: 中}]
  matrix:
    high: {all: P1, one: P2}
    low: {all: P2, one: P3}
"""
"""The scaffold's own small matrix (two dimensions of two levels); ``--priority-preset`` replaces it."""

CONFIRMATION_OFF = """\
# 默认确认（逾期视为确认）：解决后客户在期限内未答复即视为确认，取消注释以启用（3bd = 3 个工作日）。
# Tacit confirmation: uncomment to let silence for this long after a resolution count as confirmed.
# confirmation: {tacit_after: 3d}
"""

CONFIRMATION_ON = """\
# 默认确认（逾期视为确认）：解决后客户在此期限内未答复即视为确认（itsmctl ticket confirm ID --tacit）。
# Tacit confirmation: silence for this long after a resolution counts as the customer's confirmation.
confirmation: {{tacit_after: {period}}}
"""

CALENDAR = """\
# 工作日历：5×8，法定节假日与调休取自 holidays 包，并按年冻结（结果不随包升级漂移）。
kind: calendar
id: CAL-CN
name: 工作日历
timezone: Asia/Shanghai
week:
  mon: ["09:00-12:00", "13:30-18:00"]
  tue: ["09:00-12:00", "13:30-18:00"]
  wed: ["09:00-12:00", "13:30-18:00"]
  thu: ["09:00-12:00", "13:30-18:00"]
  fri: ["09:00-12:00", "13:30-18:00"]
holidays: {country: CN}
"""

SLA = """\
# 服务级别协议：按优先级的响应与解决时限（m 分钟、h 小时、bd 工作日）。
kind: sla
id: SLA-MAIN
name: 运维服务级别协议
customer: 客户方
services: [SVC-SUPPORT]
calendar: CAL-CN
effective_from: {year}-01-01
targets:
{targets}"""

TARGETS = {
    "P1": "{response: 15m, resolution: 4h}",
    "P2": "{response: 30m, resolution: 8h}",
    "P3": "{response: 1h, resolution: 3bd}",
    "P4": "{response: 2h, resolution: 5bd}",
    "P5": "{response: 4h, resolution: 10bd}",
}
"""The SLA's targets by priority level; the scaffold writes one for each level of the policy's matrix."""

SERVICE = """\
kind: service
id: SVC-SUPPORT
name: 运维支持服务
class: reactive
deliverable: 工单记录
service_level: 5×8 现场支持
"""

GITATTRIBUTES = """\
# record files merge by meaning (event logs as the union by id): itsmctl merge-driver
*.yaml merge=itsmctl
*.yml merge=itsmctl
"""

PRE_COMMIT = """\
# pre-commit install && pre-commit install --hook-type pre-push
repos:
  - repo: local
    hooks:
      - id: itsmctl-validate
        name: itsmctl validate
        entry: itsmctl validate --records records
        language: system
        files: ^records/.*\\.(yaml|yml|json)$
        require_serial: true
      - id: itsmctl-check-base
        name: itsmctl check --base main
        entry: itsmctl check --base main --records records
        language: system
        pass_filenames: false
        always_run: true
        stages: [pre-push]
"""

README = """\
# {name} — 运维记录 ITSM records

This repository keeps the project's tickets, CMDB, SLAs and calendars as YAML files under
`records/`, checked and edited with `itsmctl`.

```sh
pip install itsmctl pre-commit
git config merge.itsmctl.name "itsmctl record merge"
git config merge.itsmctl.driver "itsmctl merge-driver %O %A %B %P"
pre-commit install && pre-commit install --hook-type pre-push
itsmctl validate
```

- Edit `records/policy.yaml` first: people (with the email they commit with), groups, roles.
- `itsmctl ticket new incident --title … --service SVC-SUPPORT …` opens a ticket.
- Every change goes through a pull request: CI runs `itsmctl validate` and `itsmctl check
  --base`, and posts what the pull request changes. The project manager merges.
- `.github/workflows/itsm.yml` and `.gitlab-ci.yml` also run `itsmctl escalate` every 15
  minutes and render last month's report on the 1st (into `reports/`).
"""

GITHUB_WORKFLOW = """\
name: itsm
on:
  pull_request:
  push:
    branches: [main]
  schedule:
    - cron: "*/15 * * * *"   # escalation ladder
    - cron: "0 1 1 * *"      # 09:00 Beijing time on the 1st: last month's report
  workflow_dispatch:

permissions:
  contents: write
  pull-requests: write

env:
  ITSMCTL_PACKAGE: itsmctl

jobs:
  check:
    if: github.event_name == 'pull_request' || github.event_name == 'push'
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install "$ITSMCTL_PACKAGE"
      - name: validate
        run: itsmctl validate --format github
      - name: check the pull request
        if: github.event_name == 'pull_request'
        run: |
          status=0
          itsmctl check --base "origin/${{ github.base_ref }}" --format github || status=$?
          itsmctl check --base "origin/${{ github.base_ref }}" --format markdown > check.md || true
          cat check.md >> "$GITHUB_STEP_SUMMARY"
          gh pr comment "${{ github.event.pull_request.number }}" --body-file check.md --edit-last \\
            || gh pr comment "${{ github.event.pull_request.number }}" --body-file check.md
          exit $status
        env:
          GH_TOKEN: ${{ github.token }}

  escalate:
    if: github.event.schedule == '*/15 * * * *'
    runs-on: ubuntu-latest
    concurrency: itsm-escalate
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install "$ITSMCTL_PACKAGE"
      - run: |
          git config user.name "itsmctl"
          git config user.email "itsmctl@users.noreply.github.com"
          itsmctl escalate
          git push

  monthly-report:
    if: github.event.schedule == '0 1 1 * *'
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install "$ITSMCTL_PACKAGE"
      - run: |
          month=$(TZ=Asia/Shanghai date -d "$(TZ=Asia/Shanghai date +%Y-%m-01) -1 day" +%Y-%m)
          mkdir -p reports
          itsmctl report monthly --month "$month" -o "reports/monthly-$month.md"
          git config user.name "itsmctl"
          git config user.email "itsmctl@users.noreply.github.com"
          git add reports && git commit -m "report: monthly $month" && git push
"""

GITLAB_CI = """\
stages: [check, scheduled]

default:
  image: python:3.12
  before_script:
    - pip install "${ITSMCTL_PACKAGE:-itsmctl}"

variables:
  GIT_DEPTH: "0"

validate:
  stage: check
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    - if: $CI_PIPELINE_SOURCE == "push" && $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
  script:
    - itsmctl validate

check-merge-request:
  stage: check
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
  script:
    - git fetch origin "$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"
    - itsmctl check --base "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME" --format markdown | tee check.md
  artifacts:
    when: always
    paths: [check.md]

# Scheduled pipelines (CI/CD > Schedules): one every 15 minutes with ITSM_JOB=escalate,
# one at 09:00 on the 1st with ITSM_JOB=monthly-report; a project access token with
# write_repository in ITSM_PUSH_URL (https://oauth2:TOKEN@host/group/project.git).
.scheduled-git:
  as-itsmctl: &as-itsmctl
    - git config user.name itsmctl && git config user.email itsmctl@example.invalid
    - git checkout -B "$CI_COMMIT_BRANCH"
  push-back: &push-back 'git push "$ITSM_PUSH_URL" "HEAD:$CI_COMMIT_BRANCH"'

escalate:
  stage: scheduled
  rules:
    - if: $CI_PIPELINE_SOURCE == "schedule" && $ITSM_JOB == "escalate"
  script:
    - *as-itsmctl
    - itsmctl escalate
    - *push-back

monthly-report:
  stage: scheduled
  rules:
    - if: $CI_PIPELINE_SOURCE == "schedule" && $ITSM_JOB == "monthly-report"
  script:
    - *as-itsmctl
    - month=$(TZ=Asia/Shanghai date -d "$(TZ=Asia/Shanghai date +%Y-%m-01) -1 day" +%Y-%m)
    - mkdir -p reports && itsmctl report monthly --month "$month" -o "reports/monthly-$month.md"
    - 'git add reports && git commit -m "report: monthly $month"'
    - *push-back
"""
