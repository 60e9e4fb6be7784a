"""``ticket explain``: a person's reason for a target's breach, the report's recorded reason.

The target is any clock the SLA engine measures (``itsmctl.sla`` TARGETS and LATE_TARGETS
and the repair clocks), by id or by its Chinese name (``解决``, ``送修返回``).  Explaining a
target whose clock never breached is refused: the reason would be shown against nothing
(the monthly report lists breaches only), and a typo of the target would hide the reason
of the clock that did breach.  The clocks are the ticket's as of the command's ``--at``.
"""

from __future__ import annotations

from typing import get_args

from itsmctl.errors import FieldError
from itsmctl.models.events import ClockTarget
from itsmctl.models.labels import id_of, label
from itsmctl.sla import evaluate_ticket
from itsmctl.store.paths import KIND_DIRS, POLICY_PATH
from itsmctl.store.snapshot import load_snapshot
from itsmctl.store.source import FolderSource
from itsmctl.tickets import requests as rq
from itsmctl.tickets.action_input import ActionInput, Events, Updates, required

SLA_INPUTS = [str(POLICY_PATH), *(KIND_DIRS[k] for k in ("calendar", "sla", "service", "survey"))]
"""What the clocks of one ticket are computed from, besides the ticket."""


def target_of(given: str | None) -> str:
    """The target id ``given`` names (an id or its Chinese name), or FieldError listing them."""
    target = id_of("target", required(given, "target", "the target whose breach is explained"))
    assert target is not None
    choices = get_args(ClockTarget)
    if target not in choices:
        named = ", ".join(f"{t} ({label('zh', 'target', t)})" for t in choices)
        raise FieldError("target", f"unknown target {given!r}; choose one of: {named}")
    return target


def breached_targets(a: ActionInput) -> list[str]:
    """Targets of the ticket whose clock breached (running) or was missed as of ``a.now``."""
    snapshot = load_snapshot(FolderSource(a.root).walk(only=SLA_INPUTS))
    return [c.target for c in evaluate_ticket(a.ticket, snapshot, a.now) if c.state in ("breached", "missed")]


def explain(a: ActionInput) -> tuple[Events, Updates]:
    r = a.request
    assert isinstance(r, rq.Explain)
    target = target_of(r.target)
    reason = required(r.reason, "reason", "the reason of the breach")
    breached = breached_targets(a)
    if target not in breached:
        raise FieldError(
            "target",
            f"the {target} clock of {a.ticket.id} has not breached as of {a.now.isoformat()}: there is no breach "
            f"to explain; breached: {', '.join(breached) or 'none'} (itsmctl sla status {a.ticket.id})",
        )
    return [a.event("explained", target=target, reason=reason)], {}
