"""Committing what a command wrote: exactly its own paths, under the store lock; leftovers apart."""

from __future__ import annotations

import dataclasses
import os
import re
import shlex
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from itsmctl.errors import GitError, StoreError
from itsmctl.escape import commit_line, trailer
from itsmctl.fs import lock_file

if TYPE_CHECKING:
    import git

from itsmctl.vcs.repo import Identity, find_repo, git_identity

CommitState = Literal["committed", "staged", "no-repo", "unchanged"]


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
"""The store-wide lock file, in the git folder: a writing command holds it from reading its
files to its commit (``store_lock``), so no command commits another one's change.  It is an
``flock``, released by the kernel when its holder dies: the file left behind is never stale."""
INDEX_LOCK_WAITS = (0.1, 0.2, 0.4, 0.8, 1.0, 1.5, 2.0)
"""Pauses (seconds) before retrying when another git process (not itsmctl) holds ``index.lock``."""
STALE_INDEX_LOCK_AGE = 60.0
"""Seconds after which an ``index.lock`` is taken for one a killed git left: no waiting, a clear error."""
LEFTOVER_AUTHOR = Identity("itsmctl", "itsmctl@itsmctl.invalid")
"""Author of a commit of an earlier uncommitted edit: nobody known made it, so no person is named."""


class StaleIndexLock(StoreError):
    """Git's ``index.lock`` is there and nothing changes it: most likely left by a killed git."""

    def __init__(self, lock: Path, age: float, advice: str) -> None:
        super().__init__(
            f"git's lock file {lock} has been there for {_age(age)} and nothing has changed it: "
            "it was most likely left by a git command that was killed. If no git command is running "
            "in this repository (a commit waiting for its editor, a rebase), remove it: "
            f"rm -f {shlex.quote(str(lock))} "
            f"— then run this command again, or commit what was written: {advice}"
        )
        self.lock = lock


def _age(seconds: float) -> str:
    if seconds < 120:
        return f"{max(seconds, 0):.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


@dataclass(frozen=True)
class CommitResult:
    state: CommitState
    sha: str | None = None
    leftover: str | None = None
    """The commit made first of an earlier command's uncommitted edit of these files, if any."""
    leftover_paths: tuple[str, ...] = ()


@contextmanager
def store_lock(root: Path) -> Iterator[None]:
    """Hold the store's write lock: read, edit and commit as one step among parallel commands.

    Without git there is nothing to commit and nothing is held (each ticket file is still
    locked around its own read-modify-write, ``itsmctl.fs.locked``).
    """
    repo = find_repo(root)
    if repo is None:
        yield
        return
    with lock_file(Path(repo.git_dir) / COMMIT_LOCK):
        yield


def commit_paths(
    root: Path,
    paths: Sequence[Path],
    message: str,
    *,
    author: Identity | None = None,
    commit: bool = True,
    found: Mapping[Path, bytes] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> CommitResult:
    """Stage ``paths`` and, when ``commit``, commit exactly them (other staged files stay staged).

    ``found``: for a file the command edited, its bytes as the command read them.  When
    they differ from the last commit, an earlier command (or a hand edit) left them
    uncommitted: they are committed first, on their own, by ``LEFTOVER_AUTHOR``
    (``CommitResult.leftover``), so this command's commit holds only its own change.

    Parallel itsmctl commands take turns on one store-wide lock (``COMMIT_LOCK``; a caller
    holding ``store_lock`` already has it), so they never meet on git's ``index.lock``;
    when another git process holds it, the step is retried for about 6 s, and an
    ``index.lock`` that nothing changes is reported as left by a killed git
    (``StaleIndexLock``).  Files another command wrote but failed to commit may be hand
    edits in progress, so they are never swept in; the error says the exact
    ``git add … && git commit …`` to run.
    """
    repo = find_repo(root)
    if repo is None or repo.working_tree_dir is None:
        return CommitResult("no-repo")
    top = Path(repo.working_tree_dir).resolve()
    rels = [_relative(top, p) for p in paths]
    earlier = {_relative(top, p): data for p, data in (found or {}).items()}
    index_lock = Path(repo.git_dir) / "index.lock"
    with lock_file(Path(repo.git_dir) / COMMIT_LOCK):
        first_seen = _lock_state(index_lock)
        if first_seen is not None and time.time() - first_seen[1] >= STALE_INDEX_LOCK_AGE:
            raise StaleIndexLock(index_lock, time.time() - first_seen[1], _commit_advice(top, rels))
        leftover: tuple[str | None, tuple[str, ...]] = (None, ())
        for wait in (*INDEX_LOCK_WAITS, None):
            try:
                if commit and earlier and leftover[0] is None:
                    leftover = _commit_leftover(repo, root, earlier)
                result = _add_and_commit(repo, root, rels, message, author, commit)
                return dataclasses.replace(result, leftover=leftover[0], leftover_paths=leftover[1])
            except _IndexLocked as exc:
                if wait is None:
                    now_seen = _lock_state(index_lock)
                    if now_seen is not None and now_seen == first_seen:
                        raise StaleIndexLock(index_lock, time.time() - now_seen[1], _commit_advice(top, rels)) from None
                    raise GitError(
                        "the file was written but not committed: another git process is using this "
                        f"repository (it holds {exc.lock}). When it has finished, commit the file: "
                        f"{_commit_advice(top, rels)}"
                    ) from None
                sleep(wait)
    raise AssertionError("unreachable")  # pragma: no cover


def _relative(top: Path, path: Path) -> str:
    return Path(os.path.abspath(path)).resolve().relative_to(top).as_posix()


def _lock_state(lock: Path) -> tuple[int, float, int] | None:
    """(inode, modification time, size) of a lock file, None when there is none."""
    try:
        st = lock.stat()
    except OSError:
        return None
    return st.st_ino, st.st_mtime, st.st_size


def leftover_message(rels: Sequence[str]) -> str:
    """The message of a commit of an earlier, uncommitted edit found by a later command."""
    shown = ", ".join(rels)
    return (
        f"earlier uncommitted edit of {shown}, committed separately\n\n"
        "An itsmctl command found this file different from the last commit before changing it: an "
        "earlier command stopped before its commit, or the file was edited by hand. It is committed "
        "here as it was found, apart from the command's own commit, so each commit holds one change.\n\n"
        + "".join(f"Itsm-Leftover: {rel}\n" for rel in rels)
    )


def _commit_leftover(repo: git.Repo, root: Path, earlier: Mapping[str, bytes]) -> tuple[str | None, tuple[str, ...]]:
    """Commit the files whose bytes (as read) differ from HEAD, with an explicit tree.

    A private index (``GIT_INDEX_FILE``) is built from HEAD plus exactly those bytes, so
    nothing else staged or written is included; HEAD moves only if it is still the commit
    the tree was built on.
    """
    from git.exc import GitCommandError

    git_dir = Path(repo.git_dir)
    try:
        head: str | None = repo.git.rev_parse("--verify", "-q", "HEAD^{commit}").strip() or None
    except GitCommandError:
        head = None
    scratch = git_dir / "itsmctl-leftover.blob"
    index = git_dir / "itsmctl-leftover.index"
    env = {"GIT_INDEX_FILE": str(index)}
    entries: list[str] = []
    try:
        for rel, data in sorted(earlier.items()):
            listed = repo.git.ls_tree("-z", head, "--", rel).rstrip("\0") if head else ""
            mode, _, obj = listed.partition("\t")[0].partition(" blob ") if listed else ("100644", "", "")
            scratch.write_bytes(data)
            blob = repo.git.hash_object("-w", f"--path={rel}", str(scratch)).strip()
            if blob != obj:
                entries.append(f"{mode or '100644'},{blob},{rel}")
        if not entries:
            return None, ()
        index.unlink(missing_ok=True)
        repo.git.read_tree(*([head] if head else ["--empty"]), env=env)
        for entry in entries:
            repo.git.update_index("--add", "--cacheinfo", entry, env=env)
        tree = repo.git.write_tree(env=env).strip()
        rels = tuple(entry.split(",", 2)[2] for entry in entries)
        who = {"GIT_AUTHOR_NAME": LEFTOVER_AUTHOR.name, "GIT_AUTHOR_EMAIL": LEFTOVER_AUTHOR.email}
        if git_identity(root) is None:
            who |= {"GIT_COMMITTER_NAME": LEFTOVER_AUTHOR.name, "GIT_COMMITTER_EMAIL": LEFTOVER_AUTHOR.email}
        parents = ["-p", head] if head else []
        sha = repo.git.commit_tree(tree, *parents, "-m", leftover_message(rels), env=who).strip()
        repo.git.update_ref("-m", "itsmctl: earlier uncommitted edit", "HEAD", sha, head or "0" * 40)
        return sha, rels
    except GitCommandError as exc:
        detail = (exc.stderr or exc.stdout or "").strip()
        if "index.lock" in detail:
            raise _IndexLocked(".git/index.lock") from None
        raise GitError(
            f"an earlier uncommitted edit of {', '.join(earlier)} could not be committed: {detail or exc}"
        ) from None
    finally:
        scratch.unlink(missing_ok=True)
        index.unlink(missing_ok=True)


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
