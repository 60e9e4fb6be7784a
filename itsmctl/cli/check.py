"""``itsmctl check --base REV [--head REV]``: a pull request reviewed as the change board would."""

from __future__ import annotations

from typing import Annotated

import typer

from itsmctl.cli.options import DEFAULT_RECORDS, RecordsOption, ReviewFormatOption
from itsmctl.cli.output import emit, finish, note
from itsmctl.cli.records import open_records
from itsmctl.exits import CommandResult
from itsmctl.reporters.review import REVIEW_REPORTERS
from itsmctl.review import review_pull_request


def check(
    base: Annotated[
        str, typer.Option("--base", help="基线 The revision the pull request starts from (main, origin/main…).")
    ],
    head: Annotated[str, typer.Option("--head", help="待审版本 The pull request's revision.")] = "HEAD",
    require_signed: Annotated[
        bool,
        typer.Option(
            "--require-signed",
            help="签名 Commits adding approvals, confirmations or CI changes must carry a good signature.",
        ),
    ] = False,
    format: ReviewFormatOption = "text",
    records: RecordsOption = DEFAULT_RECORDS,
) -> int:
    """审查 Check a pull request between two revisions: what it changes, and the rules between them.

    Event logs only grow; a closed ticket changes by a reopen only; new ids do not collide;
    CIs change only under an approved change; escalations are not added by hand; each new
    event is by the person who committed it. Exit 0 clean, 1 findings, 2 when a revision
    cannot be read.
    """
    store = open_records(records)
    review = review_pull_request(store.root, base, head, require_signed=require_signed, display_root=str(records))
    emit(REVIEW_REPORTERS[format](review))
    note(f"checked {len(review.records)} changed file(s), {len(review.events)} event(s) added, "
         f"{len(review.findings)} finding(s)")  # fmt: skip
    return finish(CommandResult(findings=review.findings))
