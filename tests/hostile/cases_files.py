"""Links and special files where the store reads or writes, hostile templates, hostile outbox files.

Links, pipes and devices are another branch's work (what each command reports for them):
here they are held only to no hang, no traceback and nothing written outside the store.
Templates beyond ``tests/reports/test_report_templates.py`` and ``test_report_limits.py``
(Python internals, costly loops and strings, a linked template): includes, imports and
recursion.  Outbox files beyond ``tests/notify/test_hostile_outbox.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.hostile.corpus import HOSTILE, TICKET, Case, Expect, fifo, link, outside, put, ticket_text
from tests.notify.test_hostile_outbox import GOOD

MONTHLY = "templates/monthly.zh.md.j2"
NOTICE = "outbox/2026/10/INC-2610-7KQ3P.L1.resolution.json"
GOOD_NOTICE = {**GOOD, "ticket": "INC-2610-7KQ3P", "priority": "P2"}


def _survive(name: str, description: str, plant: object, xfail: str | None = None) -> Case:
    return Case(name, description, plant, None, only_survive=True, xfail=xfail)  # type: ignore[arg-type]


def _template(name: str, description: str, text: str, extra: dict[str, str] | None = None) -> Case:
    def plant(store: Path) -> None:
        for rel, body in {MONTHLY: text, **(extra or {})}.items():
            put(rel, body)(store)

    return Case(name, description, plant, None)


def _notice(name: str, description: str, text: str | bytes, words: str = "not a notice file") -> Case:
    return Case(name, description, put(NOTICE, text), Expect(NOTICE, "outbox", line=1, words=words))


CASES = [
    _survive(
        "link-record-outside",
        "a ticket file that is a link to a file outside the store",
        link(HOSTILE, outside("t.yaml", ticket_text())),
    ),
    _survive(
        "link-record-dangling", "a ticket file that is a link to nothing", link(HOSTILE, lambda s: s / "nowhere.yaml")
    ),
    _survive(
        "link-record-loop",
        "two record links that point at each other",
        lambda s: (
            link("services/SVC-A.yaml", lambda t: t / "services" / "SVC-B.yaml")(s),
            link("services/SVC-B.yaml", lambda t: t / "services" / "SVC-A.yaml")(s),
        ),
    ),
    _survive(
        "link-record-dev-zero", "a record that is a link to /dev/zero", link(HOSTILE, lambda s: Path("/dev/zero"))
    ),
    _survive(
        "link-month-folder",
        "a month folder that is a link to a folder outside",
        link("tickets/2026/11", outside("month/")),
    ),
    _survive(
        "link-policy",
        "policy.yaml as a link to a copy outside the store",
        lambda s: link("policy.yaml", outside("policy.yaml", (s / "policy.yaml").read_text(encoding="utf-8")))(s),
    ),
    _survive(
        "link-outbox-folder", "the outbox folder as a link to a folder outside", link("outbox", outside("outbox/"))
    ),
    _survive(
        "link-templates-folder",
        "the templates folder as a link to a folder outside",
        link("templates", outside("templates/")),
    ),
    _survive("fifo-record", "a named pipe where a ticket file should be", fifo(HOSTILE)),
    _survive("fifo-shown-ticket", "the shown and noted ticket is a named pipe", fifo(TICKET)),
    _survive("fifo-policy", "policy.yaml as a named pipe", fifo("policy.yaml")),
    _survive("fifo-template", "a store template as a named pipe", fifo(MONTHLY)),
    _survive("fifo-outbox-notice", "an outbox notice as a named pipe", fifo(NOTICE)),
    _survive("dir-named-like-record", "a folder named like a ticket file", lambda s: (s / HOSTILE).mkdir(parents=True)),
    _template("template-include-passwd", "a store template including '/etc/passwd'", "{% include '/etc/passwd' %}"),
    _template(
        "template-include-parent", "a store template including '../policy.yaml'", "{% include '../policy.yaml' %}"
    ),
    _template(
        "template-import-store-file",
        "a store template importing a record as macros",
        "{% import 'SLA-MAIN.yaml' as s %}",
    ),
    _template("template-extends-itself", "a store template that extends itself", "{% extends 'monthly.zh.md.j2' %}"),
    _template(
        "template-include-cycle",
        "two store templates that include each other",
        "{% include 'loop.md.j2' %}",
        {"templates/loop.md.j2": "{% include 'monthly.zh.md.j2' %}"},
    ),
    _template("template-syntax-error", "a store template with an unclosed block", "{% for x in breaches %}"),
    _template(
        "template-range-1e9-loop", "a loop over range(10**9) with no output", "{% for i in range(10**9) %}{% endfor %}"
    ),
    _template("template-nul", "a store template holding a NUL byte", "# a\x00b\n"),
    Case("template-not-utf8", "a store template in GBK", put(MONTHLY, "服务月报".encode("gbk")), None),
    _notice("outbox-empty-file", "an empty outbox notice file", b""),
    _notice("outbox-json-list", "an outbox notice that is a JSON list", "[1, 2]"),
    _notice(
        "outbox-5000-digits",
        "an outbox notice with a 5,000-digit level",
        json.dumps(GOOD_NOTICE).replace('"level": 1', '"level": ' + "9" * 5000),
    ),
    _notice(
        "outbox-lone-surrogate",
        "an outbox notice whose message is a lone surrogate",
        json.dumps({**GOOD_NOTICE, "message": "\ud800"}),
        "no event",
    ),
    _notice(
        "outbox-duplicate-keys",
        "an outbox notice with the ticket key twice",
        json.dumps(GOOD_NOTICE)[:-1] + ', "ticket": "INC-2610-ZZZZZ"}',
        "no valid ticket",
    ),
    _notice(
        "outbox-utf16", "an outbox notice saved as UTF-16", json.dumps(GOOD_NOTICE).encode("utf-16"), "cannot read"
    ),
    Case(
        "outbox-stray-file",
        "a file in the outbox not named like a notice: not a notice, left alone",
        put("outbox/2026/10/readme.txt", "hello"),
        None,
    ),
]
