"""Reading a ticket file in tests, with the strict reader the tool validates with."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from itsmctl.tickets.edit import ticket_path
from itsmctl.yamlio import parse_document


def load_ticket(store: Path, ticket_id: str) -> dict[str, Any]:
    data = parse_document((store / ticket_path(ticket_id)).read_bytes()).data
    assert isinstance(data, dict)
    return data
