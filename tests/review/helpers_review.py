"""Helpers for check --base tests: people with emails, git as one of them."""

from __future__ import annotations

import subprocess
from pathlib import Path

PEOPLE = {
    "wang.qiang": ("王强", "wang.qiang@hengyun.example"),
    "zhou.min": ("周敏", "zhou.min@hengyun.example"),
    "li.na": ("李娜", "li.na@huaxin.example"),
    "desk": ("服务台", "desk@hengyun.example"),
}


def git(cwd: Path, *args: str, who: str | None = None) -> str:
    ident = []
    if who is not None:
        name, email = PEOPLE[who]
        ident = ["-c", f"user.name={name}", "-c", f"user.email={email}"]
    return subprocess.run(["git", *ident, *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def commit_all(store: Path, message: str, who: str = "wang.qiang") -> str:
    git(store, "add", "-A")
    git(store, "commit", "-q", "-m", message, who=who)
    return git(store, "rev-parse", "HEAD").strip()
