"""The lifecycle tables agree with the models: real statuses, every status reachable."""

from __future__ import annotations

import pytest

from itsmctl.models import MODEL_BY_KIND, TicketBase
from itsmctl.rules.lifecycle import ANY, LIFECYCLE_BY_KIND, LIFECYCLES, Lifecycle
from itsmctl.tickets.actions import BUILDERS


def _model(lifecycle: Lifecycle) -> type[TicketBase]:
    return MODEL_BY_KIND[lifecycle.kinds[0]]  # type: ignore[return-value]


@pytest.mark.parametrize("lifecycle", LIFECYCLES, ids=lambda lc: lc.name)
def test_statuses_are_the_models(lifecycle: Lifecycle) -> None:
    statuses = set(_model(lifecycle).STATUSES)
    for t in lifecycle.transitions:
        assert set(t.sources) - {ANY} <= statuses, t
        assert t.target is None or t.target in statuses, t


@pytest.mark.parametrize("lifecycle", LIFECYCLES, ids=lambda lc: lc.name)
def test_every_status_is_reachable_from_the_initial_one(lifecycle: Lifecycle) -> None:
    model = _model(lifecycle)
    reached, frontier = {model.INITIAL_STATUS}, [model.INITIAL_STATUS]
    while frontier:
        status = frontier.pop()
        for t in lifecycle.transitions:
            if t.applies(status) and t.target and t.target not in reached:
                reached.add(t.target)
                frontier.append(t.target)
    assert reached == set(model.STATUSES)


def test_every_kind_has_a_lifecycle_and_every_action_a_builder() -> None:
    assert set(LIFECYCLE_BY_KIND) == {"incident", "request", "problem", "change", "complaint"}
    for lifecycle in LIFECYCLES:
        assert set(lifecycle.actions()) <= set(BUILDERS), lifecycle.name


def test_final_statuses_allow_only_note_link_explain_and_reopen() -> None:
    # explain: a breach is explained for the monthly report, often after the ticket closed
    for lifecycle in LIFECYCLES:
        for final in _model(lifecycle).FINAL_STATUSES:
            assert set(lifecycle.allowed_now(final)) <= {"note", "link", "explain", "reopen"}, (lifecycle.name, final)
