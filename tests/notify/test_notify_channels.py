"""Channels against real servers on 127.0.0.1: aiosmtpd mail and an http.server webhook."""

from __future__ import annotations

import pytest
from helpers_notify import notice
from local_servers import LOCALHOST, Mailbox, Webhook, free_port
from pydantic import ValidationError

from itsmctl.models.policy import NotificationChannel
from itsmctl.notify import DeliveryFailed, NothingToSend, Recipient
from itsmctl.notify.channels import SmtpChannel, WebhookChannel, build_channels


def smtp(port: int, **extra: object) -> SmtpChannel:
    config = {"id": "mail", "type": "smtp", "host": LOCALHOST, "port": port, "sender": "itsm@example.com", **extra}
    return SmtpChannel(NotificationChannel.model_validate(config))


def hook(url: str) -> WebhookChannel:
    config = {"id": "hook", "type": "webhook", "url": url, "timeout_seconds": 5}
    return WebhookChannel(NotificationChannel.model_validate(config))


def test_mail_reaches_recipients_with_an_address(smtp_server: Mailbox) -> None:
    smtp(smtp_server.port).send(notice())
    assert len(smtp_server.messages) == 1
    rcpt, mail = smtp_server.messages[0]
    assert rcpt == ["wang.qiang@example.com"]  # li.na has no e-mail address
    assert mail["Subject"] == "【升级 L2 报警】INC-2611-AB3CD / [Escalation L2] INC-2611-AB3CD"
    assert mail["From"] == "itsm@example.com"
    assert mail["X-Itsmctl-Notice"] == "INC-2611-AB3CD.L2.resolution"
    body = mail.get_content().replace("\r\n", "\n")
    assert body == "工单 INC-2611-AB3CD 已超时。\n\nTicket INC-2611-AB3CD breached.\n"


def test_mail_with_nobody_to_reach_is_nothing_to_send() -> None:
    with pytest.raises(NothingToSend):
        smtp(free_port()).send(notice(recipients=[Recipient("li.na", "李娜")]))


def test_mail_server_down_is_a_failure() -> None:
    with pytest.raises(DeliveryFailed, match=rf"smtp {LOCALHOST}:\d+: connection refused"):
        smtp(free_port()).send(notice())


def test_webhook_gets_the_json_payload(webhook_server: Webhook) -> None:
    hook(webhook_server.url).send(notice())
    assert len(webhook_server.posts) == 1
    post = webhook_server.posts[0]
    assert post["path"] == "/hook"
    assert post["type"] == "application/json; charset=utf-8"
    body = post["json"]
    assert {k: body[k] for k in ("ticket", "title", "level", "name", "target", "state", "deadline", "percent")} == {
        "ticket": "INC-2611-AB3CD",
        "title": "财务系统数据库连接超时",
        "level": 2,
        "name": "报警",
        "target": "resolution",
        "state": "breached",
        "deadline": "2026-11-10T09:30:00+08:00",
        "percent": 100.0,
    }
    assert [r["id"] for r in body["recipients"]] == ["wang.qiang", "li.na"]
    assert body["message"].startswith("工单 INC-2611-AB3CD 已超时。")


def test_webhook_error_status_is_a_failure(webhook_server: Webhook) -> None:
    webhook_server.status = 503
    with pytest.raises(DeliveryFailed, match="HTTP 503"):
        hook(webhook_server.url).send(notice())


def test_webhook_down_is_a_failure() -> None:
    with pytest.raises(DeliveryFailed, match="connection refused"):
        hook(f"http://{LOCALHOST}:{free_port()}/hook").send(notice())


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://127.0.0.1/x", "http://user:pw@127.0.0.1/hook", "https:///nohost", "http://a b/"],
)
def test_the_policy_refuses_a_webhook_url_that_is_not_a_plain_http_address(url: str) -> None:
    with pytest.raises(ValidationError):
        hook(url)


def test_a_redirect_is_a_failure_never_followed(webhook_server: Webhook) -> None:
    webhook_server.status = 302
    webhook_server.location = f"http://{LOCALHOST}:{webhook_server.port}/elsewhere"
    with pytest.raises(DeliveryFailed, match="HTTP 302"):
        hook(webhook_server.url).send(notice())
    assert webhook_server.gets == [], "the redirect was followed"


def test_channels_are_built_by_type() -> None:
    configs = [
        NotificationChannel.model_validate({"id": "mail", "type": "smtp", "host": LOCALHOST}),
        NotificationChannel.model_validate({"id": "hook", "type": "webhook", "url": "http://127.0.0.1:1/"}),
    ]
    built = build_channels(configs)
    assert {cid: type(ch).__name__ for cid, ch in built.items()} == {"mail": "SmtpChannel", "hook": "WebhookChannel"}
