"""Synthetic stores of any size for benchmarks: the sample's shared records plus N tickets.

Tickets are spread over 2026-01-01 .. 2026-11-20 with the sample's mix of kinds and
the same history generator, so a 10,000-ticket store looks like a very busy year of
the same contract.  Nothing here is meant to be committed.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from storegen import cmdb, static
from storegen.catalog import INCIDENTS, REQUESTS
from storegen.history import Context, finish, random_opening, random_plan, reactive_ticket, weighted
from storegen.ids import IdMint
from storegen.planned import change, complaint, problem
from storegen.scenarios import CHANGES, COMPLAINTS, PROBLEMS
from storegen.ticket import Ticket
from storegen.worktime import CST, WorkCalendar

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=CST)
START = datetime(2026, 1, 1, 0, 0, tzinfo=CST)
MIX = (("incident", 78), ("request", 17), ("problem", 2), ("change", 2), ("complaint", 1))


def build_synthetic(tickets: int, seed: int = 1) -> dict[str, str]:
    """Every file of a synthetic store with ``tickets`` tickets, path -> text."""
    rng = random.Random(seed)
    ctx = Context(rng, IdMint(random.Random(seed + 1)), WorkCalendar.china([2026]), NOW)
    files: dict[str, str] = {
        "policy.yaml": static.policy_text(),
        "calendars/CAL-CN-5X8.yaml": static.calendar_text(),
        "calendars/CAL-7X24.yaml": static.phone_calendar_text(),
        "slas/SLA-HXB-2026.yaml": static.sla_text(),
        **static.service_texts(),
    }
    kinds = rng.choices([k for k, _ in MIX], [w for _, w in MIX], k=tickets)
    openings = sorted(random_opening(ctx, START, NOW) for _ in range(tickets))
    incidents: list[str] = []
    logs: dict[str, list[dict[str, Any]]] = {}
    for kind, opened in zip(kinds, openings, strict=True):
        ticket = _ticket(ctx, kind, opened, incidents)
        if ticket.kind == "incident":
            incidents.append(ticket.id)
        if ticket.kind == "change":
            cmdb.add_log_entries(logs, ticket)
        files[ticket.path] = ticket.text()
    files.update(cmdb.ci_texts(logs))
    return files


def _ticket(ctx: Context, kind: str, opened: datetime, incidents: list[str]) -> Ticket:
    rng = ctx.rng
    if kind == "problem" and incidents:
        spec = rng.choice(list(PROBLEMS.values()))
        linked = rng.sample(incidents[-200:], k=min(len(incidents), rng.randint(1, 4)))
        return problem(ctx, spec, opened, sorted(linked), [])
    if kind == "change":
        change_spec = rng.choice(list(CHANGES.values()))
        # after the longest review and approval path (about 6 working days), so the window is not passed
        start = ctx.cal.next_working(opened + timedelta(days=rng.randint(10, 24))).replace(hour=20, minute=0)
        return change(ctx, change_spec, opened, start, [])
    if kind == "complaint":
        return complaint(ctx, rng.choice(list(COMPLAINTS.values())), opened, [])
    pool = REQUESTS if kind == "request" else INCIDENTS
    template = weighted(rng, pool)
    plan = random_plan(rng, template)
    plan.first_line = plan.first_line or (kind == "request" and template.delivery == "remote" and rng.random() < 0.4)
    return finish(ctx, reactive_ticket(ctx, "request" if kind == "request" else "incident", template, opened, plan))
