"""Trying the open channels of a notice and recording each outcome on the notice.

At-least-once: the outcome is written after the send, so a crash between the two sends
that channel again on the next run.  A failure keeps the time of the *first* failure and
the latest reason, and nothing else, so retrying against a server that stays down does
not rewrite the file (and makes no commit) on every run.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from itsmctl.notify.channels import Channel, DeliveryFailed, NothingToSend
from itsmctl.notify.notice import Delivery, Notice


@dataclass(frozen=True)
class DeliveryOutcome:
    """One channel's result for one notice in this run."""

    notice: str
    channel: str
    state: str
    error: str | None = None


def deliver(notice: Notice, channels: Mapping[str, Channel], now: datetime) -> tuple[list[DeliveryOutcome], bool]:
    """Send ``notice`` on each of its open channels; returns (outcomes, notice changed)."""
    outcomes: list[DeliveryOutcome] = []
    changed = False
    stamp = now.isoformat()
    for cid in notice.open_channels():
        before = notice.deliveries[cid]
        channel = channels.get(cid)
        after: Delivery
        try:
            if channel is None:
                raise DeliveryFailed(f"channel {cid} is no longer in the policy's notifications")
            channel.send(notice)
        except NothingToSend as exc:
            after = Delivery(state="skipped", at=stamp, error=str(exc))
        except DeliveryFailed as exc:
            after = Delivery(state="failed", first_failed_at=before.first_failed_at or stamp, error=str(exc))
        else:
            after = Delivery(state="delivered", at=stamp, first_failed_at=before.first_failed_at)
        if after != before:
            notice.deliveries[cid] = after
            changed = True
        outcomes.append(DeliveryOutcome(notice.key, cid, after.state, after.error))
    return outcomes, changed
