"""Sending a notice through the policy's channels: SMTP mail or a generic JSON webhook.

Each channel type is a class in ``CHANNEL_TYPES``, chosen by the policy's ``type``.  A
send either returns (delivered), raises ``NothingToSend`` (no reachable recipient: the
channel is skipped for good) or raises ``DeliveryFailed`` with a short reason (retried on
the next run).  Nothing here decides *what* to send or records anything.
"""

from __future__ import annotations

import smtplib
import socket
import urllib.error
import urllib.request
from email.message import EmailMessage
from email.utils import formataddr
from typing import ClassVar, Protocol
from urllib.parse import urlsplit

from itsmctl.escape import json_text, mail_header
from itsmctl.models.policy import NotificationChannel
from itsmctl.notify.notice import Notice


class DeliveryFailed(Exception):
    """The channel could not take the notice now; the reason is meant for a person."""


class NothingToSend(Exception):
    """None of the recipients can be reached on this channel (no e-mail address…)."""


class Channel(Protocol):
    id: str

    def send(self, notice: Notice) -> None: ...


class SmtpChannel:
    """Mail to every recipient that has an e-mail address, in one message."""

    type: ClassVar[str] = "smtp"

    def __init__(self, config: NotificationChannel) -> None:
        self.id = config.id
        self.config = config

    def message(self, notice: Notice) -> EmailMessage:
        to = [formataddr((mail_header(r.name), r.email)) for r in notice.recipients if r.email]
        if not to:
            raise NothingToSend("no recipient has an e-mail address")
        if not self.config.sender:
            raise DeliveryFailed(f"channel {self.id}: no sender configured in the policy")
        mail = EmailMessage()
        mail["Subject"] = mail_header(notice.subject)
        mail["From"] = mail_header(self.config.sender)
        mail["To"] = ", ".join(to)
        mail["X-Itsmctl-Notice"] = mail_header(notice.key)
        mail.set_content(notice.message)
        return mail

    def send(self, notice: Notice) -> None:
        mail = self.message(notice)
        host = self.config.host
        if not host:
            raise DeliveryFailed(f"channel {self.id}: no host configured in the policy")
        port = self.config.port or 25
        try:
            with smtplib.SMTP(host, port, timeout=self.config.timeout_seconds) as smtp:
                if self.config.starttls:
                    smtp.starttls()
                smtp.send_message(mail)
        except (smtplib.SMTPException, OSError) as exc:
            raise DeliveryFailed(f"smtp {host}:{port}: {_reason(exc)}") from None


class WebhookChannel:
    """POST the notice as JSON (UTF-8) to a URL; any 2xx answer means delivered."""

    type: ClassVar[str] = "webhook"

    def __init__(self, config: NotificationChannel) -> None:
        self.id = config.id
        self.config = config

    def send(self, notice: Notice) -> None:
        url = self.config.url
        if not url or urlsplit(url).scheme not in ("http", "https"):
            raise DeliveryFailed(f"channel {self.id}: url must be an http(s) address, got {url!r}")
        body = json_text(notice.payload()).encode("utf-8")
        request = urllib.request.Request(
            url, data=body, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
        )
        try:
            with _NO_REDIRECTS.open(request, timeout=self.config.timeout_seconds) as answer:
                status = answer.status
        except urllib.error.HTTPError as exc:
            raise DeliveryFailed(f"webhook {url}: HTTP {exc.code} {exc.reason}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise DeliveryFailed(f"webhook {url}: {_reason(exc)}") from None
        if not 200 <= status < 300:
            raise DeliveryFailed(f"webhook {url}: HTTP {status}")


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    """A webhook's answer is the answer: a redirect is a failure, never followed (a 302 would
    be re-sent as a GET to another address and the notice marked delivered)."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_NO_REDIRECTS = urllib.request.build_opener(_RefuseRedirects)


CHANNEL_TYPES: dict[str, type[SmtpChannel] | type[WebhookChannel]] = {
    SmtpChannel.type: SmtpChannel,
    WebhookChannel.type: WebhookChannel,
}


def build_channels(configs: list[NotificationChannel]) -> dict[str, Channel]:
    """The policy's channels by id, each an object that can ``send``."""
    return {c.id: CHANNEL_TYPES[c.type](c) for c in configs}


def _reason(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.URLError) and not isinstance(exc.reason, str):
        return _reason(exc.reason) if isinstance(exc.reason, BaseException) else str(exc.reason)
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return "timed out"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "..."
