"""Escalation notices: what they say, where they wait (the outbox) and how they are sent."""

from __future__ import annotations

from itsmctl.notify.channels import CHANNEL_TYPES, DeliveryFailed, NothingToSend, build_channels
from itsmctl.notify.delivery import DeliveryOutcome, deliver
from itsmctl.notify.notice import Delivery, Notice, Recipient
from itsmctl.notify.outbox import OUTBOX_DIR, entries, notice_path, open_entries, write_notice

__all__ = [
    "CHANNEL_TYPES",
    "OUTBOX_DIR",
    "Delivery",
    "DeliveryFailed",
    "DeliveryOutcome",
    "NothingToSend",
    "Notice",
    "Recipient",
    "build_channels",
    "deliver",
    "entries",
    "notice_path",
    "open_entries",
    "write_notice",
]
