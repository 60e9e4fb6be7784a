"""Ids: unique across the store, prefixed as the policy says, one policy per store."""

from __future__ import annotations

from collections.abc import Iterator

from itsmctl.findings import Finding
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
