"""A ticket's story read back from git in one batched ``git log -p`` call (``itsmctl history``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from itsmctl.errors import GitError
from itsmctl.revisions import Revision, compare_versions, diff_versions

if TYPE_CHECKING:
    pass

from itsmctl.vcs.repo import find_repo

_RECORD_SEP = "\x1e"
_FIELD_SEP = "\x1f"
_LOG_FORMAT = _RECORD_SEP + _FIELD_SEP.join(("%H", "%an", "%ae", "%aI", "%s"))
FULL_CONTEXT = "--unified=1000000"
"""Context wide enough that each diff holds both whole versions of a record file (≤ 1 MiB)."""


def history(root: Path, rel_path: str) -> list[Revision]:
    """Every commit that touched ``rel_path`` (store-relative), oldest first.

    One ``git log -p`` call with whole-file context; each commit's diff then holds both
    versions, whose event logs are compared by event id.  Refuses a shallow clone, whose
    history would silently start at the cut.
    """
    from git.exc import GitCommandError

    repo = find_repo(root)
    if repo is None or repo.working_tree_dir is None:
        raise GitError(f"{root} is not inside a git repository, so there is no history to show")
    if (Path(repo.git_dir) / "shallow").exists():
        raise GitError(
            "this is a shallow clone: its history is cut off, so it would be wrong; run 'git fetch --unshallow' first"
        )
    top = Path(repo.working_tree_dir).resolve()
    try:
        target = str((root.resolve() / rel_path).relative_to(top))
    except ValueError:
        raise GitError(f"{root / rel_path} is outside the git repository {top}, so git has no history of it") from None
    try:
        out = repo.git.log(
            f"--format={_LOG_FORMAT}",
            "-p",
            FULL_CONTEXT,
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            "--no-renames",
            "--",
            target,
        )
    except GitCommandError as exc:
        detail = (exc.stderr or "").strip()
        if "does not have any commits" in detail or "bad default revision" in detail:
            return []
        raise GitError(f"git log failed: {detail or exc}") from None
    revisions: list[Revision] = []
    cache: dict[str, dict[str, Any] | None] = {}
    for chunk in out.split(_RECORD_SEP)[1:]:
        header, _, diff = chunk.partition("\n")
        sha, author, email, date, subject = (header.split(_FIELD_SEP) + [""] * 5)[:5]
        revision = Revision(sha, author, email, date, subject)
        old_text, new_text = diff_versions(diff)
        if old_text is None and new_text is None:
            revision.note = "no change to the file in this commit (a merge)"
        else:
            compare_versions(revision, old_text, new_text, cache)
        revisions.append(revision)
    revisions.reverse()
    return revisions
