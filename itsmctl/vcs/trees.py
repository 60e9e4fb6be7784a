"""Reading record trees at revisions without a checkout: ``report --rev``, ``check --base``, merges."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from itsmctl.errors import GitError

if TYPE_CHECKING:
    import git

from itsmctl.vcs.repo import _commit_sha, _store_prefix, find_repo

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
    root: Path,
    rev: str,
    *,
    max_bytes: int,
    wanted: Callable[[str], bool] | None = None,
    under: str | None = None,
) -> tuple[str, list[TreeEntry]]:
    """Every path under the folder ``root`` as it was at ``rev``, without touching the work tree.

    One ``git ls-tree -r -l`` lists the tree; blobs are read through GitPython's single
    persistent ``git cat-file --batch`` process.  Returns the commit's full sha and the
    entries sorted by path; blobs over ``max_bytes`` are listed but not read, and with
    ``wanted`` only the paths it accepts are read (the others are ``listed_only``).  ``under``
    (a folder of the store, ``cmdb``) lists only that folder.
    """
    from git.exc import GitCommandError

    repo = find_repo(root)
    if repo is None or repo.working_tree_dir is None:
        raise GitError(f"{root} is not inside a git repository, so --rev cannot be read")
    prefix = _store_prefix(repo, root)
    sha = _commit_sha(repo, rev, "--rev")
    folder = "/".join(p for p in (prefix, under) if p)
    spec = ["--", folder + "/"] if folder else []
    try:
        listing = repo.git.ls_tree("-r", "-l", "-z", "--full-tree", sha, *spec)
    except GitCommandError as exc:
        raise GitError(f"git ls-tree failed: {(exc.stderr or '').strip() or exc}") from None
    cut = len(prefix) + 1 if prefix else 0
    entries = list(_tree_entries(repo, listing, cut, max_bytes, wanted))
    entries.sort(key=lambda e: e.path)
    return sha, entries


@dataclass(frozen=True)
class CommitAt:
    """The commit a branch stood at, at a moment."""

    sha: str
    committed: datetime
    tip: str
    """The full sha of the revision the branch was followed from (``HEAD``, ``--rev``)."""


def commit_at(root: Path, rev: str, moment: datetime) -> CommitAt | None:
    """The commit ``rev``'s branch stood at, at ``moment``: the last commit on its first-parent
    line committed at or before it (a pull request merged later counts from its merge).

    None when ``root`` is not in a repository, ``rev`` is no commit (an empty repository) or the
    history starts after ``moment``.
    """
    from git.exc import GitCommandError

    repo = find_repo(root)
    if repo is None or repo.working_tree_dir is None:
        return None
    try:
        tip = _commit_sha(repo, rev, "--rev")
        line = repo.git.log("-1", "--first-parent", f"--before={moment.isoformat()}", "--format=%H %ct", tip)
    except (GitError, GitCommandError):
        return None
    if not line.strip():
        return None
    sha, stamp = line.split()
    return CommitAt(sha, datetime.fromtimestamp(int(stamp), UTC), tip)


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
    return RevisionRange(merge_base, head_sha, _name_status(listing, cut), commits)


def _name_status(listing: str, cut: int) -> list[PathChange]:
    """``git diff --name-status -z`` output as path changes (store-relative: ``cut`` characters of
    prefix off), sorted by path."""
    items = [item for item in listing.split("\0") if item]
    changes = [
        PathChange(_STATUS.get(status[:1], "changed"), path[cut:])  # type: ignore[arg-type]
        for status, path in zip(items[::2], items[1::2], strict=False)
    ]
    return sorted(changes, key=lambda c: c.path)


def changes_since(root: Path, rev: str) -> list[PathChange]:
    """The paths under ``root`` whose files in the working tree (staged or not, and untracked
    ones) differ from commit ``rev``: ``validate --changed-since``. Two git calls."""
    from git.exc import GitCommandError

    repo = find_repo(root)
    if repo is None or repo.working_tree_dir is None:
        raise GitError(f"{root} is not inside a git repository, so --changed-since cannot be compared")
    prefix = _store_prefix(repo, root)
    sha = _commit_sha(repo, rev, "--changed-since")
    spec = ["--", f"{prefix}/"] if prefix else ["--", "."]
    cut = len(prefix) + 1 if prefix else 0
    try:
        listing = repo.git.diff("--name-status", "-z", "--no-renames", sha, *spec)
        untracked = repo.git.ls_files("--others", "--exclude-standard", "-z", "--full-name", *spec)
    except GitCommandError as exc:
        raise GitError(f"git diff failed: {(exc.stderr or '').strip() or exc}") from None
    changes = _name_status(listing, cut)
    untracked_paths = sorted({path[cut:] for path in untracked.split("\0") if path} - {c.path for c in changes})
    return sorted([*changes, *(PathChange("added", path) for path in untracked_paths)], key=lambda c: c.path)


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
