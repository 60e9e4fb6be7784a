"""The one module that talks to git (through GitPython).

Ticket commands commit the files they wrote with a structured message; ``history``
reads a ticket's story back from git in one batched ``git log -p`` call.  GitPython is
imported on first use: it costs ~0.15 s, which commands that never touch git skip.  A store that
is not inside a git repository still works: commands write files and report that
nothing was committed, and ``history`` says clearly why it cannot answer.
"""

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
from typing import TYPE_CHECKING, Any, Literal

from itsmctl.errors import GitError, StoreError
from itsmctl.escape import commit_line, trailer
from itsmctl.fs import lock_file
from itsmctl.revisions import Revision, compare_versions, diff_versions

if TYPE_CHECKING:
    import git

CommitState = Literal["committed", "staged", "no-repo", "unchanged"]


@dataclass(frozen=True)
class Identity:
    name: str
    email: str

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


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


# --- history ----------------------------------------------------------------------------

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


# --- reading a revision (reports --rev) -------------------------------------------------


@dataclass(frozen=True)
class TreeEntry:
    """One path of a tree at a revision: a regular file's bytes, or what else it is."""

    path: str
    """Relative to the folder that was read (POSIX)."""
    kind: Literal["file", "link", "other"]
    size: int
    data: bytes = b""
    listed_only: bool = False
    """Listed, not read: the caller did not want this blob (``read_tree(wanted=…)``)."""


def read_tree(
    root: Path, rev: str, *, max_bytes: int, wanted: Callable[[str], bool] | None = None
) -> tuple[str, list[TreeEntry]]:
    """Every path under the folder ``root`` as it was at ``rev``, without touching the work tree.

    One ``git ls-tree -r -l`` lists the tree; blobs are read through GitPython's single
    persistent ``git cat-file --batch`` process.  Returns the commit's full sha and the
    entries sorted by path; blobs over ``max_bytes`` are listed but not read, and with
    ``wanted`` only the paths it accepts are read (the others are ``listed_only``).
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
    cut = 0 if prefix in ("", ".") else len(prefix) + 1
    entries = list(_tree_entries(repo, listing, cut, max_bytes, wanted))
    entries.sort(key=lambda e: e.path)
    return sha, entries


# --- two revisions of a store (check --base) ---------------------------------------------

PathStatus = Literal["added", "changed", "removed"]
_STATUS = {"A": "added", "M": "changed", "D": "removed", "T": "changed"}


@dataclass(frozen=True)
class PathChange:
    """One store path a pull request added, changed or removed (renames are a removal and an addition)."""

    status: PathStatus
    path: str


@dataclass(frozen=True)
class CommitInfo:
    """One commit of a pull request: its author, who made it (the committer), the store paths it changed.

    Ticket verbs record the acting person as the author; the committer is the git identity
    of whoever ran the command, so attribution checks the committer.
    """

    sha: str
    author: str
    email: str
    committer: str
    committer_email: str
    subject: str
    paths: tuple[str, ...]


@dataclass(frozen=True)
class RevisionRange:
    """What lies between the base a pull request starts from and its head, for one store folder."""

    base: str
    """The merge base of the given base and head (what the pull request was branched from), a full sha."""
    head: str
    changes: list[PathChange]
    commits: list[CommitInfo]
    """Non-merge commits on the head side, oldest first."""


def _store_prefix(repo: git.Repo, root: Path) -> str:
    top = Path(repo.working_tree_dir or ".").resolve()
    try:
        prefix = root.resolve().relative_to(top).as_posix()
    except ValueError:
        raise GitError(f"{root} is outside the repository {top}") from None
    return "" if prefix == "." else prefix


def _commit_sha(repo: git.Repo, rev: str, option: str) -> str:
    from git.exc import GitCommandError

    try:
        return str(repo.git.rev_parse("--verify", "--quiet", f"{rev}^{{commit}}").strip())
    except GitCommandError:
        raise GitError(f"{option} {rev!r} is not a commit in this repository (fetch it first?)") from None


def compare_revisions(root: Path, base: str, head: str) -> RevisionRange:
    """The paths under ``root`` that differ between the merge base of ``base`` and ``head`` and
    ``head``, and the commits that made them: two git calls, whatever the store's size."""
    from git.exc import GitCommandError

    repo = find_repo(root)
    if repo is None or repo.working_tree_dir is None:
        raise GitError(f"{root} is not inside a git repository, so --base cannot be compared")
    prefix = _store_prefix(repo, root)
    base_sha, head_sha = _commit_sha(repo, base, "--base"), _commit_sha(repo, head, "--head")
    try:
        merge_base = str(repo.git.merge_base(base_sha, head_sha).strip())
    except GitCommandError:
        raise GitError(f"--base {base} and --head {head} have no common history") from None
    spec = ["--", f"{prefix}/"] if prefix else []
    cut = len(prefix) + 1 if prefix else 0
    try:
        listing = repo.git.diff("--name-status", "-z", "--no-renames", merge_base, head_sha, *spec)
        log = repo.git.log(
            "--reverse",
            "--no-merges",
            "-z",
            "--format=%H%x1f%an%x1f%ae%x1f%cn%x1f%ce%x1f%s",
            f"{merge_base}..{head_sha}",
            *spec,
        )
        commits = []
        for header in filter(None, log.split("\0")):
            sha, author, email, committer, committer_email, subject = [
                *header.strip("\n").split("\x1f", 5),
                "",
                "",
                "",
                "",
                "",
            ][:6]
            names = repo.git.diff_tree("-r", "-z", "--name-only", "--no-commit-id", "--root", sha, *spec)
            paths = tuple(name[cut:] for name in names.split("\0") if name)
            commits.append(CommitInfo(sha, author, email, committer, committer_email, subject, paths))
    except GitCommandError as exc:
        raise GitError(f"git diff failed: {(exc.stderr or '').strip() or exc}") from None
    items = [item for item in listing.split("\0") if item]
    changes = [
        PathChange(_STATUS.get(status[:1], "changed"), path[cut:])  # type: ignore[arg-type]
        for status, path in zip(items[::2], items[1::2], strict=False)
    ]
    return RevisionRange(merge_base, head_sha, sorted(changes, key=lambda c: c.path), commits)


def read_paths(root: Path, rev: str, rels: Sequence[str], *, max_bytes: int) -> dict[str, TreeEntry]:
    """The given store-relative paths as they are at commit ``rev`` (absent paths are left out)."""
    from git.exc import GitCommandError

    repo = find_repo(root)
    if repo is None:
        raise GitError(f"{root} is not inside a git repository")
    prefix = _store_prefix(repo, root)
    cut = len(prefix) + 1 if prefix else 0
    found: dict[str, TreeEntry] = {}
    wanted = [f"{prefix}/{rel}" if prefix else rel for rel in rels]
    for start in range(0, len(wanted), 500):
        try:
            listing = repo.git.ls_tree("-l", "-z", "--full-tree", rev, "--", *wanted[start : start + 500])
        except GitCommandError as exc:
            raise GitError(f"git ls-tree failed: {(exc.stderr or '').strip() or exc}") from None
        for entry in _tree_entries(repo, listing, cut, max_bytes):
            found[entry.path] = entry
    return found


def _tree_entries(
    repo: git.Repo, listing: str, cut: int, max_bytes: int, wanted: Callable[[str], bool] | None = None
) -> Iterator[TreeEntry]:
    for item in listing.split("\0"):
        if not item:
            continue
        meta, _, path = item.partition("\t")
        mode, otype, obj, size = meta.split()
        rel = path[cut:]
        if otype != "blob":
            yield TreeEntry(rel, "other", 0)
        elif mode == "120000":
            yield TreeEntry(rel, "link", 0)
        elif int(size) > max_bytes:
            yield TreeEntry(rel, "file", int(size))
        elif wanted is not None and not wanted(rel):
            yield TreeEntry(rel, "file", int(size), listed_only=True)
        else:
            _, _, _, data = repo.git.get_object_data(obj)
            yield TreeEntry(rel, "file", int(size), data)


def verify_commit(root: Path, sha: str) -> str | None:
    """None when git finds a good, trusted signature on the commit; else git's reason.

    Git itself checks (``git verify-commit``), with the repository's own configuration:
    ``gpg.format``, ``gpg.ssh.allowedSignersFile`` and the rest.
    """
    from git.exc import GitCommandError

    repo = find_repo(root)
    if repo is None:
        return "not inside a git repository"
    try:
        repo.git.verify_commit(sha)
    except GitCommandError as exc:
        lines = [line for line in (exc.stderr or "").strip().splitlines() if line.strip()]
        return lines[-1].strip().removeprefix("stderr: ").strip("'") if lines else "no signature"
    return None


def merge_file(ours: Path, base: Path, theirs: Path) -> int:
    """git's own line merge of three files, written into ``ours``; the number of conflicts (0: clean)."""
    import git
    from git.exc import GitCommandError

    try:
        git.Git(str(ours.parent)).merge_file(
            "-L", "ours", "-L", "base", "-L", "theirs", str(ours), str(base), str(theirs)
        )
    except GitCommandError as exc:
        if isinstance(exc.status, int) and 0 < exc.status < 128:
            return exc.status
        raise GitError(f"git merge-file failed: {(exc.stderr or '').strip() or exc}") from None
    return 0


def init_repository(folder: Path, config: dict[str, str], paths: Sequence[str]) -> bool:
    """``git init`` (unless ``folder`` is already in a repository), set ``config`` there, and
    stage ``paths``; False when the folder was already inside a repository."""
    import git

    existing = find_repo(folder)
    repo = existing or git.Repo.init(str(folder))
    with repo.config_writer() as writer:
        for key, value in config.items():
            section, _, option = key.rpartition(".")
            writer.set_value(section.replace(".", ' "', 1) + '"' if "." in section else section, option, value)
    repo.git.add("--", *paths)
    return existing is None
