"""Record and event ids the way itsmctl mints them, from a seeded random source.

``INC-2610-7KQ3P``: prefix, year and month of opening, five Crockford base32 characters
(no I, L, O, U so they survive being read aloud).  Event ids are ``E`` + six of them.
A mint remembers what it handed out, so a generated store never repeats an id.
"""

from __future__ import annotations

import random
from datetime import datetime

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


class IdMint:
    """Deterministic, collision-free ids for one generated store."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def _fresh(self, head: str, length: int) -> str:
        while True:
            candidate = head + "".join(self.rng.choice(CROCKFORD) for _ in range(length))
            if candidate not in self.used:
                self.used.add(candidate)
                return candidate

    def record(self, prefix: str, opened: datetime) -> str:
        """A month-sharded id: the year-month comes from the opening time."""
        return self._fresh(f"{prefix}-{opened:%y%m}-", 5)

    def event(self) -> str:
        return self._fresh("E", 6)
