"""The CLI's half of an error: the flag a field error is about, what to type next for a broken rule.

The core names rules and fields (``RuleViolation``); only the command line knows which
command and flags fix them, so the hints live here, by rule code.
"""

from __future__ import annotations

from itsmctl.errors import FieldError, ItsmError, RuleViolation

HINTS: dict[str, str] = {
    "events": "the event log is append-only: give a later --at (or leave it out for now)",
    "confirmation": "record the customer's confirmation first: "
    "itsmctl ticket confirm {id} --contact PERSON --method phone",
    "confirmation-contact": "--contact names the customer's person who agreed to close (role customer)",
    "tacit-confirmation": "where silence does not count (no opt-in, the period not run, the customer answered), "
    "record the customer's own confirmation: "
    "itsmctl ticket confirm {id} --contact PERSON --method phone",
    "change-plan": "fill the plan in first: itsmctl ticket plan {id} --goal … --content … --step … --person … "
    "--budget … --start … --end … --risk-plan … --rollback-plan …",
    "change-approval": "--approver names a customer_approver who neither requested the change nor implements it",
    "change-reviews": "the CAB records the internal review (itsmctl ticket assess {id} --risk … --by CAB-MEMBER); "
    "the customer's approval records the external one (itsmctl ticket approve {id} --approver … --method …)",
    "change-window": "to implement earlier, reschedule first: itsmctl ticket schedule {id} --start … --end …",
    "change-trial": "review a success only after the trial run ends; a change whose trial failed is rolled back "
    "(itsmctl ticket rollback {id} --reason …); --confirmed-by names the customer's person",
    "complaint": "someone the complaint is not about must do this: give another --by (or --to)",
    "assignee-role": "assign one of the provider's people (--to)",
    "first-line": "leave --first-line out: a ticket dispatched to an engineer or handled on site was not solved by "
    "the service desk alone",
    "vendor-repair": "a repair is sent (itsmctl ticket repair-send {id} --vendor …) before its progress and "
    "return, one at a time; a loaner is issued (loaner-issue) while a device is away, before it is returned",
    "explanation-author": "a person of the provider explains a breach: give their id (--by)",
    "exception-manager": "--manager names the person holding the role project_manager",
    "ci-change": "--change names a change the customer approved on or before today "
    "(itsmctl ticket approve CHG-… --approver … --method … first)",
    "change-cmdb": "log the change on each CI it names first: itsmctl ci set CI --change {id} --… "
    "(or --note … when the CI kept its fields)",
    "release-change": "--change names change tickets of the store (CHG-…), each approved by the customer before the "
    "release is (itsmctl ticket approve CHG-… --approver … --method …)",
    "release-known-error": "--known-error names a problem recorded as a known error "
    "(itsmctl ticket known-error PRB-…), or gives the known error's text alone",
    "release-rollback": "a release is approved with its rollback plan: write it in rollback_plan: of {id}'s file",
    "release-steps": "a release goes approve → deploy → verify → accept (or rollback), each --at not before the last",
}


def hints_for(exc: ItsmError) -> list[str]:
    """The hint lines for an error, once per rule it names."""
    if not isinstance(exc, RuleViolation):
        return []
    return [HINTS[code].format(id=exc.record_id) for code in dict.fromkeys(exc.codes) if code in HINTS]


FLAGS: dict[str, str] = {
    "ref": "--to",
    "steps": "--step",
    "people": "--person",
    "incidents": "--incident",
    "cis": "--ci",
    "dimensions": "--dim",
    "kinds": "--kind",
    "statuses": "--status",
    "services": "--service",
    "priorities": "--priority",
    "assignees": "--assignee",
    "groups": "--group",
    "note": "--note (or the note's text)",
    "progress": "the progress text",
    "relations": "--rel / --remove-rel",
    "labels": "--label",
}
"""A field of a request or filter whose flag is not ``--`` plus the field's name."""


def flag_for(field: str) -> str:
    """The command-line flag that sets a request's field."""
    return FLAGS.get(field, "--" + field.replace("_", "-"))


def message_for(exc: ItsmError) -> str:
    """The error's message as the command line says it: a field error starts with its flag."""
    if isinstance(exc, FieldError):
        return f"{flag_for(exc.field)}: {exc.message}"
    return exc.message
