"""Hostile text in a notice, sent to real servers: a mail keeps its headers, a webhook body is inert JSON."""

from __future__ import annotations

import dataclasses

from helpers_notify import notice
from local_servers import LOCALHOST, Mailbox, Webhook

from itsmctl.models.policy import NotificationChannel
from itsmctl.notify import Recipient
from itsmctl.notify.channels import SmtpChannel, WebhookChannel

SUBJECT = "【升级】INC-2611-AB3CD\r\nBcc: victim@example.com\x1b[2J\u202e"
NAME = "王强\nBcc: other@example.com"


def test_a_subject_with_a_newline_adds_no_header(smtp_server: Mailbox) -> None:
    config = {"id": "mail", "type": "smtp", "host": LOCALHOST, "port": smtp_server.port, "sender": "itsm@example.com"}
    hostile = dataclasses.replace(
        notice(), subject=SUBJECT, recipients=[Recipient("wang.qiang", NAME, "wang.qiang@example.com", "assignee")]
    )
    SmtpChannel(NotificationChannel.model_validate(config)).send(hostile)
    rcpt, mail = smtp_server.messages[0]
    assert rcpt == ["wang.qiang@example.com"]
    assert "Bcc" not in mail and mail.get_all("Subject") and len(mail.get_all("Subject")) == 1
    assert mail["Subject"] == "【升级】INC-2611-AB3CD Bcc: victim@example.com\\x1b[2J\\u202e"
    assert "\x1b" not in str(mail["To"]) and "\n" not in str(mail["To"])


def test_a_webhook_body_keeps_the_text_and_carries_no_raw_control(webhook_server: Webhook) -> None:
    config = {"id": "hook", "type": "webhook", "url": webhook_server.url, "timeout_seconds": 5}
    title = "打印机\u202e\x9b31m\u200b"
    WebhookChannel(NotificationChannel.model_validate(config)).send(dataclasses.replace(notice(), title=title))
    post = webhook_server.posts[0]
    assert post["json"]["title"] == title
    raw: bytes = post["raw"]
    assert "打印机".encode() in raw
    assert not [ch for ch in ("\u202e", "\x9b", "\u200b") if ch.encode() in raw], raw
