"""Real notification servers on 127.0.0.1 for the notify and escalation tests.

An aiosmtpd SMTP server and a small ``http.server`` webhook, each on a free port, each
started and stopped by the test (``running_smtp``, ``running_webhook``).  Nothing here
ever talks to anything but 127.0.0.1.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller

LOCALHOST = "127.0.0.1"


def free_port() -> int:
    """A port nothing listens on right now (for a 'server down' case, or to start one)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOCALHOST, 0))
        return int(sock.getsockname()[1])


@dataclass
class Mailbox:
    """What the SMTP server received: one entry per message."""

    port: int
    messages: list[tuple[list[str], EmailMessage]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = message_from_bytes(envelope.original_content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), parsed))  # type: ignore[arg-type]
        return "250 Message accepted for delivery"


@dataclass
class Webhook:
    """What the webhook received; ``status`` is the answer it gives (tests may change it)."""

    port: int
    posts: list[dict[str, Any]] = field(default_factory=list)
    status: int = 200
    location: str | None = None
    """Sent as ``Location`` with the answer (a redirect), when set."""
    gets: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://{LOCALHOST}:{self.port}/hook"


def start_smtp(port: int) -> tuple[Controller, Mailbox]:
    box = Mailbox(port)
    controller = Controller(box, hostname=LOCALHOST, port=port, ready_timeout=5)
    controller.start()
    return controller, box


def start_webhook(port: int = 0) -> tuple[ThreadingHTTPServer, Webhook]:
    hook = Webhook(port)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(min(length, 1 << 20))
            hook.posts.append(
                {"path": self.path, "type": self.headers.get("Content-Type"), "json": json.loads(body), "raw": body}
            )
            self.send_response(hook.status)
            if hook.location:
                self.send_header("Location", hook.location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_GET(self) -> None:
            hook.gets.append(self.path)
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer((LOCALHOST, port), Handler)
    server.daemon_threads = True
    hook.port = int(server.server_address[1])
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server, hook


def stop_webhook(server: ThreadingHTTPServer) -> None:
    server.shutdown()
    server.server_close()


@contextmanager
def running_smtp() -> Iterator[Mailbox]:
    """An SMTP server on a free local port for the duration of the block."""
    controller, box = start_smtp(free_port())
    try:
        yield box
    finally:
        controller.stop()


@contextmanager
def running_webhook() -> Iterator[Webhook]:
    """A webhook server on a free local port for the duration of the block."""
    server, hook = start_webhook()
    try:
        yield hook
    finally:
        stop_webhook(server)
