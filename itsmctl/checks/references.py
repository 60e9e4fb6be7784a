"""Every id a record names must resolve to a record (or person, group) of the right kind."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from itsmctl.findings import Finding
from itsmctl.models import (
    TICKET_KINDS,
    Audit,
    Change,
    Complaint,
    ConfigurationItem,
    ManagementReview,
    Problem,
    Release,
    ServiceLevelAgreement,
    SupplierEvaluation,
    Survey,
    TicketBase,
)
from itsmctl.store.loader import LoadedFile
from itsmctl.store.snapshot import Snapshot
from itsmctl.yamlio import Path


class _Resolver:
    """Answers 'does this id exist, and is it of this kind?' for one snapshot."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        policy = snapshot.policy
        self.people = {p.id for p in policy.people} if policy else None
        self.groups = {g.id for g in policy.groups} if policy else None
        self.kinds = {rid: f.kind for rid, f in snapshot.records.items()}
        # ids of files that exist but do not load (by id, or by file name when even the id
        # is unreadable): references to them are not reported again, their own findings suffice
        self.broken = {f.id or PurePosixPath(f.path).stem for f in snapshot.files if f.record is None}

    def person(self, loaded: LoadedFile, path: Path, value: str | None) -> Iterator[Finding]:
        if value is not None and self.people is not None and value not in self.people:
            yield loaded.finding(path, "ref", f"unknown person {value!r} (not in policy people)")

    def group(self, loaded: LoadedFile, path: Path, value: str | None) -> Iterator[Finding]:
        if value is not None and self.groups is not None and value not in self.groups:
            yield loaded.finding(path, "ref", f"unknown group {value!r} (not in policy groups)")

    def record(self, loaded: LoadedFile, path: Path, value: str | None, *kinds: str) -> Iterator[Finding]:
        if value is None:
            return
        kind = self.kinds.get(value)
        wanted = " or ".join(kinds)
        if kind is None and value in self.broken:
            return
        if kind is None:
            yield loaded.finding(path, "ref", f"unknown {wanted} {value!r}")
        elif kind not in kinds:
            yield loaded.finding(path, "ref", f"{value!r} is a {kind}, expected a {wanted}")


def check_references(snapshot: Snapshot) -> Iterator[Finding]:
    r = _Resolver(snapshot)
    for kind in TICKET_KINDS:
        for loaded in snapshot.by_kind.get(kind, []):
            yield from _ticket(r, loaded)
    for loaded in snapshot.by_kind.get("ci", []):
        ci = loaded.record
        assert isinstance(ci, ConfigurationItem)
        yield from r.person(loaded, ("owner",), ci.owner)
        for i, rel in enumerate(ci.relations):
            yield from r.record(loaded, ("relations", i, "target"), rel.target, "ci")
            if rel.target == ci.id:
                yield loaded.finding(("relations", i, "target"), "ref", "a CI cannot relate to itself")
        for i, entry in enumerate(ci.changes):  # who made a change, as a ticket event's 'by'
            yield from r.person(loaded, ("changes", i, "by"), entry.by)
    yield from _relation_cycles(snapshot)
    for loaded in snapshot.by_kind.get("sla", []):
        yield from _sla(r, loaded)
    for loaded in snapshot.by_kind.get("survey", []):
        survey = loaded.record
        assert isinstance(survey, Survey)
        yield from r.record(loaded, ("ticket",), survey.ticket, *TICKET_KINDS)
        yield from r.record(loaded, ("follow_up",), survey.follow_up, "complaint")
        yield from r.person(loaded, ("by",), survey.by)
        yield from r.person(loaded, ("respondent",), survey.respondent)
    for loaded in snapshot.by_kind.get("audit", []):
        yield from _audit(r, loaded)
    for loaded in snapshot.by_kind.get("review", []):
        review = loaded.record
        assert isinstance(review, ManagementReview)
        yield from r.person(loaded, ("chair",), review.chair)
        for i, who in enumerate(review.attendees):
            yield from r.person(loaded, ("attendees", i), who)
        for i, action in enumerate(review.actions):
            yield from r.person(loaded, ("actions", i, "owner"), action.owner)
    for loaded in snapshot.by_kind.get("supplier_evaluation", []):
        evaluation = loaded.record
        assert isinstance(evaluation, SupplierEvaluation)
        yield from r.person(loaded, ("evaluator",), evaluation.evaluator)
    for loaded in snapshot.by_kind.get("release", []):
        release = loaded.record
        assert isinstance(release, Release)
        yield from r.person(loaded, ("plan", "owner"), release.plan.owner)
        for step in ("approved", "deployed", "verification", "rolled_back"):
            yield from r.person(loaded, (step, "by"), getattr(getattr(release, step), "by", None))
    policy_file = snapshot.by_kind.get("policy", [])
    if policy_file and snapshot.policy:
        for gi, group in enumerate(snapshot.policy.groups):
            for mi, member in enumerate(group.members):
                yield from r.person(policy_file[0], ("groups", gi, "members", mi), member)


_PERSON_FIELD_BY_EVENT = {"assigned": "to", "confirmed": "contact", "approved": "approver"}
"""Event fields that name a person, by event type (looked up, not probed: pydantic's getattr is slow)."""


def _ticket(r: _Resolver, loaded: LoadedFile) -> Iterator[Finding]:
    t = loaded.record
    assert isinstance(t, TicketBase)
    yield from r.record(loaded, ("service",), t.service, "service")
    yield from r.record(loaded, ("sla",), t.sla, "sla")
    for i, ci in enumerate(t.cis):
        yield from r.record(loaded, ("cis", i), ci, "ci")
    for field in ("requester", "assignee"):
        yield from r.person(loaded, (field,), getattr(t, field))
    yield from r.group(loaded, ("group",), t.group)
    for i, rel in enumerate(t.related):
        yield from r.record(loaded, ("related", i), rel, *TICKET_KINDS)
    if t.priority_override:
        yield from r.person(loaded, ("priority_override", "by"), t.priority_override.by)
    for i, event in enumerate(t.events):
        yield from r.person(loaded, ("events", i, "by"), event.by)
        person_field = _PERSON_FIELD_BY_EVENT.get(event.type)
        if person_field is not None:
            yield from r.person(loaded, ("events", i, person_field), getattr(event, person_field))
        if event.type == "assigned":
            yield from r.group(loaded, ("events", i, "group"), event.group)
        if event.type == "linked":
            yield from r.record(loaded, ("events", i, "ref"), event.ref, *TICKET_KINDS, "ci")
        if event.type == "escalated":
            for j, who in enumerate(event.notified):
                yield from r.person(loaded, ("events", i, "notified", j), who)
    if isinstance(t, Problem):
        for i, inc in enumerate(t.incidents):
            yield from r.record(loaded, ("incidents", i), inc, "incident")
    if isinstance(t, Complaint):
        for i, who in enumerate(t.about):
            yield from r.person(loaded, ("about", i), who)
    if isinstance(t, Change):
        for i, who in enumerate(t.plan.people):
            yield from r.person(loaded, ("plan", "people", i), who)
        if t.approval is not None:
            yield from r.person(loaded, ("approval", "by"), t.approval.by)
        for i, review in enumerate(t.reviews):
            yield from r.person(loaded, ("reviews", i, "by"), review.by)


def _sla(r: _Resolver, loaded: LoadedFile) -> Iterator[Finding]:
    sla = loaded.record
    assert isinstance(sla, ServiceLevelAgreement)
    yield from r.record(loaded, ("calendar",), sla.calendar, "calendar")
    if sla.out_of_hours is not None:
        yield from r.record(loaded, ("out_of_hours", "calendar"), sla.out_of_hours.calendar, "calendar")
    for i, service in enumerate(sla.services):
        yield from r.record(loaded, ("services", i), service, "service")
    policy = r.snapshot.policy
    if policy is not None:
        levels = {lv.id for lv in policy.priority.levels}
        for priority in sla.targets:
            if priority not in levels:
                yield loaded.finding(("targets", priority), "ref", f"{priority!r} is not a priority of the policy")
        for priority in sorted(levels - set(sla.targets)):
            yield loaded.finding(("targets",), "sla-target", f"no targets for priority {priority}")
        for priority in sla.out_of_hours.targets if sla.out_of_hours is not None else {}:
            if priority not in levels:
                yield loaded.finding(
                    ("out_of_hours", "targets", priority), "ref", f"{priority!r} is not a priority of the policy"
                )
    for service in sla.availability:
        yield from r.record(loaded, ("availability", service), service, "ci")
    if sla.availability_hours is not None:
        yield from r.record(loaded, ("availability_hours",), sla.availability_hours, "calendar")
    for i, duty in enumerate(sla.reporting):
        for role in ("prepared_by", "reviewed_by", "approved_by", "received_by"):
            yield from r.person(loaded, ("reporting", i, role), getattr(duty, role))
    for i, step in enumerate(sla.escalation):
        yield from r.person(loaded, ("escalation", i, "manager"), step.manager)
        yield from r.person(loaded, ("escalation", i, "expert"), step.expert)
        for j, who in enumerate(step.notify):
            if r.groups is None or who not in r.groups:  # notify names people or whole groups
                yield from r.person(loaded, ("escalation", i, "notify", j), who)


def _audit(r: _Resolver, loaded: LoadedFile) -> Iterator[Finding]:
    audit = loaded.record
    assert isinstance(audit, Audit)
    yield from r.person(loaded, ("plan", "lead"), audit.plan.lead)
    for i, who in enumerate(audit.plan.auditors):
        yield from r.person(loaded, ("plan", "auditors", i), who)
    items = {item.id for item in audit.checklist}
    for i, nc in enumerate(audit.nonconformities):
        if nc.checklist_item and nc.checklist_item not in items:
            yield loaded.finding(
                ("nonconformities", i, "checklist_item"), "ref", f"no checklist item {nc.checklist_item!r}"
            )
        for j, action in enumerate(nc.corrective_actions):
            yield from r.person(loaded, ("nonconformities", i, "corrective_actions", j, "owner"), action.owner)
            yield from r.person(
                loaded, ("nonconformities", i, "corrective_actions", j, "verified_by"), action.verified_by
            )


DIRECTED_RELATIONS = ("depends_on", "runs_on", "part_of", "backed_by")
"""Relations that point one way: a cycle of them (A runs on B, B runs on A) describes no system."""


def _relation_cycles(snapshot: Snapshot) -> Iterator[Finding]:
    """One finding per relation that closes a circle of directed relations of one type.

    One depth-first walk per relation type over every CI (linear in CIs and relations): an
    edge to a CI still on the walk's path closes a circle, reported at that edge.
    """
    files = {f.id: f for f in snapshot.by_kind.get("ci", []) if f.id and isinstance(f.record, ConfigurationItem)}
    for kind in DIRECTED_RELATIONS:
        edges: dict[str, list[tuple[int, str]]] = {}
        for ci_id, loaded in files.items():
            ci = loaded.record
            assert isinstance(ci, ConfigurationItem)
            out = [(i, rel.target) for i, rel in enumerate(ci.relations) if rel.type == kind and rel.target != ci_id]
            if out:
                edges[ci_id] = out
        done: set[str] = set()
        for start in sorted(edges):
            if start in done:
                continue
            path: list[str] = [start]
            on_path = {start}
            stack = [iter(edges[start])]
            while stack:
                step = next(stack[-1], None)
                if step is None:
                    stack.pop()
                    finished = path.pop()
                    done.add(finished)
                    on_path.discard(finished)
                    continue
                i, target = step
                if target in on_path:
                    chain = " -> ".join([*path[path.index(target) :], target])
                    yield files[path[-1]].finding(
                        ("relations", i, "target"), "ref", f"{kind} relations run in a circle: {chain}"
                    )
                elif target not in done and target in edges:
                    path.append(target)
                    on_path.add(target)
                    stack.append(iter(edges[target]))
