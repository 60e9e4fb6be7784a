"""The one module that talks to git (through GitPython).

Ticket commands commit the files they wrote with a structured message; ``history``
reads a ticket's story back from git in one batched ``git log -p`` call.  GitPython is
imported on first use: it costs ~0.15 s, which commands that never touch git skip.  A store that
is not inside a git repository still works: commands write files and report that
nothing was committed, and ``history`` says clearly why it cannot answer.
"""

from __future__ import annotations

import os
import re
import shlex
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from itsmctl.errors import GitError, RecordParseError
from itsmctl.escape import commit_line, trailer
from itsmctl.fs import lock_file
from itsmctl.yamlio import parse_document

if TYPE_CHECKING:
    import git

CommitState = Literal["committed", "staged", "no-repo", "unchanged"]


@dataclass(frozen=True)
class Identity:
    name: str
    email: str

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


@dataclass(frozen=True)
class CommitResult:
    state: CommitState
    sha: str | None = None


def find_repo(root: Path) -> git.Repo | None:
    """The repository holding ``root``, or None when the store is not under git."""
    import git
    from git.exc import InvalidGitRepositoryError, NoSuchPathError

    try:
        return git.Repo(root, search_parent_directories=True)
    except (InvalidGitRepositoryError, NoSuchPathError):
        return None


def git_identity(root: Path) -> Identity | None:
    """Who git would record as author here (environment and config), if it knows."""
    import git
    from git.exc import GitCommandError

    try:
        ident = git.Git(str(root)).var("GIT_AUTHOR_IDENT")
    except (GitCommandError, OSError):
        return None
    name, _, rest = ident.partition(" <")
    email = rest.split(">", 1)[0]
    return Identity(name.strip(), email.strip()) if email else None


def commit_message(
    ticket_id: str, action: str, actor: str, summary: str = "", trailers: dict[str, str] | None = None
) -> str:
    """``INC-2611-7KQ3P: resolve by wang.qiang`` + body + trailers a script can parse.

    Each part is escaped as a commit line (``itsmctl.escape.commit_line``; the summary
    keeps its own lines): a newline in the actor cannot add a trailer, an ESC cannot reach
    the terminal of ``git log``.
    """
    lines = [commit_line(f"{ticket_id}: {action} by {actor}")]
    if summary:
        lines += ["", *(commit_line(line) for line in summary.split("\n"))]
    lines += ["", trailer("Itsm-Ticket", ticket_id), trailer("Itsm-Action", action), trailer("Itsm-Actor", actor)]
    lines += [trailer(key, value) for key, value in (trailers or {}).items()]
    return "\n".join(lines) + "\n"


COMMIT_LOCK = "itsmctl-commit.lock"
"""The store-wide lock file, in the git folder, held around every ``git add`` + ``git commit``."""
INDEX_LOCK_WAITS = (0.1, 0.2, 0.4, 0.8, 1.0, 1.5, 2.0)
"""Pauses (seconds) before retrying when another git process (not itsmctl) holds ``index.lock``."""


def commit_paths(
    root: Path,
    paths: Sequence[Path],
    message: str,
    *,
    author: Identity | None = None,
    commit: bool = True,
    sleep: Callable[[float], None] = time.sleep,
) -> CommitResult:
    """Stage ``paths`` and, when ``commit``, commit exactly them (other staged files stay staged).

    Parallel itsmctl commands take turns on one store-wide lock (``COMMIT_LOCK``), so
    they never meet on git's ``index.lock``; when another git process holds it, the
    step is retried for about 6 s.  A commit takes only its own command's files: files
    another command wrote but failed to commit may be hand edits in progress, so they are
    never swept in; the error says the exact ``git add … && git commit …`` to run.
    """
    repo = find_repo(root)
    if repo is None or repo.working_tree_dir is None:
        return CommitResult("no-repo")
    top = Path(repo.working_tree_dir).resolve()
    rels = [str(Path(os.path.abspath(p)).resolve().relative_to(top)) for p in paths]
    with lock_file(Path(repo.git_dir) / COMMIT_LOCK):
        for wait in (*INDEX_LOCK_WAITS, None):
            try:
                return _add_and_commit(repo, root, rels, message, author, commit)
            except _IndexLocked as exc:
                if wait is None:
                    raise GitError(
                        "the file was written but not committed: another git process is using this "
                        f"repository (it holds {exc.lock}). When it has finished, commit the file: "
                        f"{_commit_advice(top, rels)}"
                    ) from None
                sleep(wait)
    raise AssertionError("unreachable")  # pragma: no cover


class _IndexLocked(Exception):
    def __init__(self, lock: str) -> None:
        super().__init__(lock)
        self.lock = lock


def _commit_advice(top: Path, rels: Sequence[str]) -> str:
    quoted = " ".join(shlex.quote(r) for r in rels)
    return f"git -C {shlex.quote(str(top))} add -- {quoted} && git -C {shlex.quote(str(top))} commit -- {quoted}"


def _add_and_commit(
    repo: git.Repo, root: Path, rels: Sequence[str], message: str, author: Identity | None, commit: bool
) -> CommitResult:
    from git.exc import GitCommandError

    try:
        repo.git.add("--", *rels)
        if not repo.git.diff("--cached", "--name-only", "--", *rels).strip():
            return CommitResult("unchanged")
        if not commit:
            return CommitResult("staged")
        args = ["-m", message]
        env: dict[str, str] = {}
        if author is not None:
            args.append(f"--author={author}")
            if git_identity(root) is None:  # git knows nobody: let the author commit too
                env = {"GIT_COMMITTER_NAME": author.name, "GIT_COMMITTER_EMAIL": author.email}
        repo.git.commit(*args, "--", *rels, env=env or None)
        return CommitResult("committed", repo.head.commit.hexsha)
    except GitCommandError as exc:
        detail = [line.strip() for line in (exc.stderr or exc.stdout or "").strip().splitlines() if line.strip()]
        locked = next((line for line in detail if "index.lock" in line), None)
        if locked is not None:
            match = re.search(r"'([^']*index\.lock)'", locked)
            raise _IndexLocked(match.group(1) if match else ".git/index.lock") from None
        # git's own advice (hints, "remove the file manually") is about git, not about this command
        useful = [line for line in detail if not line.lower().startswith("hint:") and "manually" not in line]
        reason = useful[-1] if useful else str(exc)
        top = Path(repo.working_tree_dir or root).resolve()
        raise GitError(
            f"the file was written but git refused to commit it: {reason}. "
            f"Fix that, then commit the file: {_commit_advice(top, rels)}"
        ) from None


# --- history ----------------------------------------------------------------------------

_RECORD_SEP = "\x1e"
_FIELD_SEP = "\x1f"
_LOG_FORMAT = _RECORD_SEP + _FIELD_SEP.join(("%H", "%an", "%ae", "%aI", "%s"))
FULL_CONTEXT = "--unified=1000000"
"""Context wide enough that each diff holds both whole versions of a record file (≤ 1 MiB)."""


@dataclass
class Revision:
    """One commit that touched a ticket's file, and what it did to the record."""

    commit: str
    author: str
    email: str
    date: str
    subject: str
    added: list[dict[str, Any]] = field(default_factory=list)
    """Events (as written) this commit added to the log, by event id."""
    removed: list[str] = field(default_factory=list)
    """Ids of events this commit took out of the log (a rewrite a reviewer should see)."""
    fields: list[str] = field(default_factory=list)
    """Top-level fields this commit changed, other than the log."""
    note: str | None = None


def _versions(diff: str) -> tuple[str | None, str | None]:
    """The old and new file text from a full-context unified diff (None: absent)."""
    old: list[str] = []
    new: list[str] = []
    in_hunk = False
    created = deleted = False
    for line in diff.split("\n"):
        if not in_hunk:
            created = created or line.startswith("new file mode")
            deleted = deleted or line.startswith("deleted file mode")
            in_hunk = line.startswith("@@")
            continue
        if line.startswith(" "):
            old.append(line[1:])
            new.append(line[1:])
        elif line.startswith("-"):
            old.append(line[1:])
        elif line.startswith("+"):
            new.append(line[1:])
        elif line.startswith("@@"):
            continue
    if not in_hunk:
        return None, None
    return (None if created else "\n".join(old) + "\n"), (None if deleted else "\n".join(new) + "\n")


def _parse(text: str | None, cache: dict[str, dict[str, Any] | None]) -> dict[str, Any] | None:
    """One version's data; each version is parsed once (it is one commit's new, the next one's old)."""
    if text is None:
        return {}
    if text not in cache:
        try:
            data = parse_document(text.encode("utf-8")).data
        except RecordParseError:
            data = None
        cache[text] = data if isinstance(data, dict) else None
    return cache[text]


def _compare(
    revision: Revision, old_text: str | None, new_text: str | None, cache: dict[str, dict[str, Any] | None]
) -> None:
    old, new = _parse(old_text, cache), _parse(new_text, cache)
    if old is None or new is None:
        revision.note = "a version of the file does not parse; events cannot be compared"
        return
    old_events = [e for e in old.get("events") or [] if isinstance(e, dict)]
    new_events = [e for e in new.get("events") or [] if isinstance(e, dict)]
    old_ids = {e.get("id") for e in old_events}
    new_ids = {e.get("id") for e in new_events}
    revision.added = [e for e in new_events if e.get("id") not in old_ids]
    revision.removed = [str(e.get("id")) for e in old_events if e.get("id") not in new_ids]
    if old_text is None:
        revision.note = "created"
    elif new_text is None:
        revision.note = "file deleted"
    else:
        keys = [k for k in dict.fromkeys([*new, *old]) if k != "events"]
        revision.fields = [str(k) for k in keys if old.get(k) != new.get(k)]


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
        old_text, new_text = _versions(diff)
        if old_text is None and new_text is None:
            revision.note = "no change to the file in this commit (a merge)"
        else:
            _compare(revision, old_text, new_text, cache)
        revisions.append(revision)
    revisions.reverse()
    return revisions


# --- reading a revision (reports --rev) -------------------------------------------------


@dataclass(frozen=True)
class TreeEntry:
    """One path of a tree at a revision: a regular file's bytes, or what else it is."""

    path: str
    """Relative to the folder that was read (POSIX)."""
    kind: Literal["file", "link", "other"]
    size: int
    data: bytes = b""


def read_tree(root: Path, rev: str, *, max_bytes: int) -> tuple[str, list[TreeEntry]]:
    """Every path under the folder ``root`` as it was at ``rev``, without touching the work tree.

    One ``git ls-tree -r -l`` lists the tree; blobs are read through GitPython's single
    persistent ``git cat-file --batch`` process.  Returns the commit's full sha and the
    entries sorted by path; blobs over ``max_bytes`` are listed but not read.
    """
    from git.exc import GitCommandError

    repo = find_repo(root)
    if repo is None or repo.working_tree_dir is None:
        raise GitError(f"{root} is not inside a git repository, so --rev cannot be read")
    top = Path(repo.working_tree_dir).resolve()
    try:
        prefix = root.resolve().relative_to(top).as_posix()
    except ValueError:
        raise GitError(f"{root} is outside the repository {top}") from None
    try:
        sha = repo.git.rev_parse("--verify", "--quiet", f"{rev}^{{commit}}").strip()
    except GitCommandError:
        raise GitError(f"--rev {rev!r} is not a commit in {top}") from None
    spec = [] if prefix in ("", ".") else ["--", prefix + "/"]
    try:
        listing = repo.git.ls_tree("-r", "-l", "-z", "--full-tree", sha, *spec)
    except GitCommandError as exc:
        raise GitError(f"git ls-tree failed: {(exc.stderr or '').strip() or exc}") from None
    entries: list[TreeEntry] = []
    cut = 0 if prefix in ("", ".") else len(prefix) + 1
    for item in listing.split("\0"):
        if not item:
            continue
        meta, _, path = item.partition("\t")
        mode, otype, obj, size = meta.split()
        rel = path[cut:]
        if otype != "blob":
            entries.append(TreeEntry(rel, "other", 0))
        elif mode == "120000":
            entries.append(TreeEntry(rel, "link", 0))
        elif int(size) > max_bytes:
            entries.append(TreeEntry(rel, "file", int(size)))
        else:
            _, _, _, data = repo.git.get_object_data(obj)
            entries.append(TreeEntry(rel, "file", int(size), data))
    entries.sort(key=lambda e: e.path)
    return sha, entries
