"""Ids: unique across the store (also ignoring letter case and Unicode normalisation, as a
macOS or Windows checkout does), prefixed as the policy says, one policy per store."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from itsmctl.findings import Finding
from itsmctl.ids import folded
from itsmctl.models import TICKET_KINDS
from itsmctl.store.snapshot import Snapshot


def check_identity(snapshot: Snapshot) -> Iterator[Finding]:
    holders: dict[str, list[str]] = {}
    for loaded in snapshot.files:
        if loaded.id is not None and loaded.kind is not None:
            holders.setdefault(loaded.id, []).append(loaded.display)
    for loaded in snapshot.files:
        others = [d for d in holders.get(loaded.id or "", []) if d != loaded.display]
        if others and loaded.kind is not None:
            yield loaded.finding(("id",), "duplicate-id", f"id {loaded.id} is also used by {', '.join(others)}")
    yield from _one_file_on_some_checkouts(snapshot)
    has_policy_file = any(f.path == "policy.yaml" for f in snapshot.files)
    if not has_policy_file and snapshot.files:
        yield Finding("policy.yaml", 1, 1, "", "policy", "the store has no policy.yaml (people, priority matrix)")
    policy = snapshot.policy
    if policy is None:
        return
    for kind in (*TICKET_KINDS, "survey"):
        prefix = policy.prefix(kind)
        for loaded in snapshot.by_kind.get(kind, []):
            if loaded.id and not loaded.id.startswith(prefix + "-"):
                yield loaded.finding(("id",), "id-prefix", f"a {kind} id starts with {prefix}- (policy id_prefixes)")


def _one_file_on_some_checkouts(snapshot: Snapshot) -> Iterator[Finding]:
    """Paths and ids that differ only in letter case or Unicode normalisation (NFC/NFD)."""
    paths: dict[str, list[str]] = {}
    ids: dict[str, list[str]] = {}
    for loaded in snapshot.files:
        paths.setdefault(folded(loaded.path), []).append(loaded.path)
        if loaded.id is not None and loaded.kind is not None:
            ids.setdefault(folded(loaded.id), []).append(loaded.id)
    for loaded in snapshot.files:
        others = sorted({p for p in paths[folded(loaded.path)] if p != loaded.path})
        if others:
            yield loaded.finding(
                (),
                "path-case",
                f"path {_named(loaded.path, others)}: a macOS or Windows checkout keeps only one of these files",
            )
        if loaded.id is None or loaded.kind is None:
            continue
        twins = sorted({i for i in ids[folded(loaded.id)] if i != loaded.id})
        if twins:
            yield loaded.finding(
                ("id",), "id-case", f"id {_named(loaded.id, twins)}; ids must differ in more than that"
            )


def _named(name: str, twins: list[str]) -> str:
    """``a and b differ only in …``, with NFC/NFD spellings (which look alike) shown as escapes."""
    if any(unicodedata.normalize("NFC", t) == unicodedata.normalize("NFC", name) for t in twins):
        shown = ", ".join(ascii(t) for t in twins)
        return f"{name!a} and {shown} differ only in Unicode normalisation (NFC and NFD spellings)"
    return f"{name} and {', '.join(twins)} differ only in letter case"
