"""The CI verbs' change control on hostile input: a change the store cannot give, a ticket that is
no change, and relations validate's reference check would report."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest

from itsmctl.cli import ci_edit
from itsmctl.cli.hints import message_for
from itsmctl.cmdb.edit import CIRequest, perform_ci
from itsmctl.errors import FieldError, RuleViolation
from itsmctl.models import Policy
from itsmctl.rules.cmdb import authorisation_gap
from itsmctl.store.loader import load_record
from tests.conftest import SAMPLE_RECORDS

NOW = datetime(2026, 11, 20, 15, tzinfo=timezone(timedelta(hours=8)))
CHANGE = "CHG-2610-Z5JSS"  # approved 2026-10 in the sample store


def test_an_unreadable_change_is_not_called_missing() -> None:
    # record_for gives None for a broken CHG file too; "no change ticket in the store" alone
    # sent the reader looking for a file that was right there
    gap = authorisation_gap(None, CHANGE, date(2026, 11, 20))
    assert gap is not None and "no change ticket in the store" in gap and "does not load" in gap


def test_a_ticket_of_another_kind_is_named_with_its_article() -> None:
    gap = authorisation_gap(SimpleNamespace(kind="incident"), "INC-2610-026DZ", date(2026, 11, 20))
    assert gap == "names INC-2610-026DZ, which is an incident, not a change"


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """The sample CMDB, its October changes and the policy: enough for a CI verb."""
    root = tmp_path / "records"
    shutil.copytree(SAMPLE_RECORDS / "cmdb", root / "cmdb")
    shutil.copytree(SAMPLE_RECORDS / "tickets" / "2026" / "10", root / "tickets" / "2026" / "10")
    shutil.copy(SAMPLE_RECORDS / "policy.yaml", root / "policy.yaml")
    return root


def policy_of(root: Path) -> Policy:
    record = load_record("policy.yaml", "policy.yaml", (root / "policy.yaml").read_bytes()).record
    assert isinstance(record, Policy)
    return record


@pytest.mark.parametrize(
    ("target", "words"),
    [("CI-GHOST", "CI-GHOST is no CI of the store"), ("CI-APP-MAIL", "cannot relate to itself")],
)
def test_ci_set_refuses_a_relation_validate_would_report(store: Path, target: str, words: str) -> None:
    # the verb wrote relations to a missing CI and to itself, and validate then reported both [ref]
    before = (store / "cmdb" / "CI-APP-MAIL.yaml").read_bytes()
    request = CIRequest("set", "CI-APP-MAIL", CHANGE, add_relations=[("runs_on", target)])
    with pytest.raises(RuleViolation, match=words):
        perform_ci(store, request, actor="wang.qiang", now=NOW, policy=policy_of(store))
    assert (store / "cmdb" / "CI-APP-MAIL.yaml").read_bytes() == before
    ok = CIRequest("set", "CI-APP-MAIL", CHANGE, add_relations=[("runs_on", "CI-SRV-CORE-01")])
    assert perform_ci(store, ok, actor="wang.qiang", now=NOW, policy=policy_of(store)).fields == ("relations",)


@pytest.mark.parametrize(
    ("call", "said"),
    [
        (lambda: ci_edit._pairs(["=v"], "--label"), "--label: '=v': write KEY=VALUE, e.g. rack=A-03"),
        (lambda: ci_edit._pairs(["x"], "--rel"), "--rel: 'x': write KEY=VALUE, e.g. runs_on=CI-SRV-01"),
        (lambda: ci_edit.parse_day("2026-02-30", "--last-verified"), "--last-verified: '2026-02-30' is not a date"),
        (lambda: ci_edit._fields({}, None, ["runs_on=-1"]), "--redundancy: runs_on='-1': N is a whole number"),
    ],
)
def test_a_ci_option_error_names_its_flag_once(call: Callable[[], object], said: str) -> None:
    # "--label: --label '=v': … e.g. runs_on=CI-SRV-01": the flag twice, a relation's example for a label
    with pytest.raises(FieldError) as caught:
        call()
    assert message_for(caught.value).startswith(said)


def test_labels_and_redundancy_are_updates_merged_with_the_ci_under_its_lock() -> None:
    from itsmctl.cmdb.edit import CIRequest, _merged_into
    from itsmctl.models import ConfigurationItem

    before = ConfigurationItem.model_validate(
        {"kind": "ci", "id": "CI-X", "name": "x", "class": "server", "status": "in_use",
         "labels": {"rack": "A3", "room": "2F"}, "redundancy": {"runs_on": 1}}
    )  # fmt: skip
    request = CIRequest("set", "CI-X", "CHG-2611-7KQ3P", {"labels": {"rack": "B1", "room": ""}, "version": "2"})
    fields = _merged_into(request, before).fields
    assert fields["labels"] == {"rack": "B1"} and fields["version"] == "2"  # room= removed, rack replaced
    assert "redundancy" not in fields  # not asked: untouched
    gone = _merged_into(CIRequest("set", "CI-X", "CHG-2611-7KQ3P", {"redundancy": {"runs_on": None}}), before)
    assert gone.fields["redundancy"] is None  # the last key removed: the field goes
    new = _merged_into(CIRequest("new", "CI-Y", "CHG-2611-7KQ3P", {"labels": {"rack": "A1", "x": ""}}), None)
    assert new.fields["labels"] == {"rack": "A1"}
