"""How every writing command commits what it wrote: one function, one result.

Ticket verbs and the escalation job call ``commit_files`` with the files, the message,
the author and the choice (commit, or only stage); the CLI reports the returned
``Committed`` the same way for all of them (``itsmctl.cli.output.report_commit``).
Only ``itsmctl.vcs`` touches git.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from itsmctl import vcs
from itsmctl.models import Policy
from itsmctl.vcs import CommitState, Identity, commit_paths


@dataclass(frozen=True)
class Committed:
    """What happened to the files in git: committed (with its sha), staged, unchanged, no-repo."""

    state: CommitState
    paths: tuple[Path, ...]
    sha: str | None = None
    leftover: str | None = None
    """The separate commit made first of an earlier, uncommitted edit of these files."""
    leftover_paths: tuple[str, ...] = ()

    def describe(self) -> str:
        """What git did, for stderr, the same for every command (two lines after a leftover)."""
        shown = ", ".join(str(p) for p in self.paths)
        if self.leftover is not None:
            return (
                f"found an earlier uncommitted edit of {', '.join(self.leftover_paths)} (a command that "
                f"stopped before its commit, or a hand edit): committed it separately as {self.leftover[:10]}, "
                f"by {vcs.LEFTOVER_AUTHOR}\n" + Committed(self.state, self.paths, self.sha).describe()
            )
        if self.state == "committed":
            return f"committed {self.sha[:10] if self.sha else ''}"
        if self.state == "staged":
            return f"staged, not committed (--no-commit): {shown}"
        if self.state == "no-repo":
            return f"the records are not in a git repository: wrote {shown}, not committed"
        return "nothing changed in git"


def author_of(policy: Policy, person_id: str, *, fallback_email: bool = False) -> Identity | None:
    """The git author for a policy person: their name and email.

    Without an email: None (git's own identity is the author), or, with
    ``fallback_email`` (a job such as escalation, which has no git identity of its own),
    ``<id>@itsmctl.invalid``.
    """
    person = next((p for p in policy.people if p.id == person_id), None)
    if person is None:
        return None
    if person.email:
        return Identity(person.name, person.email)
    return Identity(person.name, f"{person_id}@itsmctl.invalid") if fallback_email else None


@contextmanager
def store_write(root: Path) -> Iterator[None]:
    """Hold the store's write lock from a command's first read to its commit.

    Every writing command runs its read-modify-write and its ``commit_files`` inside, so
    a parallel command never edits a file between another one's write and its commit:
    each commit holds exactly its own command's change, named by its own actor.
    """
    with vcs.store_lock(root):
        yield


def commit_files(
    root: Path,
    paths: Sequence[Path],
    message: str,
    *,
    author: Identity | None,
    commit: bool = True,
    found: Mapping[Path, bytes] | None = None,
) -> Committed:
    """Stage ``paths`` and, when ``commit``, commit exactly them with ``message`` by ``author``.

    ``found``: the bytes the command read of the files it edited; an earlier uncommitted
    edit among them is committed first, separately (``Committed.leftover``).
    """
    result = commit_paths(root, paths, message, author=author, commit=commit, found=found)
    return Committed(result.state, tuple(paths), result.sha, result.leftover, result.leftover_paths)
