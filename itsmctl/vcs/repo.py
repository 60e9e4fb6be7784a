"""Finding the repository a store lives in, who git says the user is, and starting one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from itsmctl.errors import GitError

if TYPE_CHECKING:
    import git


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


def path_in_repository(root: Path) -> str | None:
    """``root`` as a path inside its repository (``records``, ``.`` for the top), or None outside git.

    What a report names as its source: never a path of the machine it ran on."""
    repo = find_repo(root)
    if repo is None:
        return None
    try:
        return _store_prefix(repo, root) or "."
    except GitError:
        return None


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


def init_repository(folder: Path, config: dict[str, str], paths: Sequence[str]) -> bool:
    """``git init -b main`` (unless ``folder`` is already in a repository), set ``config`` there, and
    stage ``paths``; False when the folder was already inside a repository."""
    import git

    existing = find_repo(folder)
    repo = existing or git.Repo.init(str(folder), initial_branch="main")
    with repo.config_writer() as writer:
        for key, value in config.items():
            section, _, option = key.rpartition(".")
            writer.set_value(section.replace(".", ' "', 1) + '"' if "." in section else section, option, value)
    repo.git.add("--", *paths)
    return existing is None
