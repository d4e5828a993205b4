"""A real SMTP server on 127.0.0.1 for tests where sending is the point (aiosmtpd).

The `smtp` and `no_smtp` fixtures are available everywhere (the root conftest loads this
module as a plugin, `pytest_plugins = ["tests.support.smtp"]`); import `Sink` for the type,
and `start_server` or `refusing_port` for a test that needs a server, or none, midway.
Every port is one the kernel hands out, held while in use: safe under pytest -n.
"""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller

REFUSED = "refused@example.com"  # the one address the server turns away


class Sink:
    """An SMTP handler that keeps what it receives, and refuses REFUSED."""

    def __init__(self) -> None:
        self.received: list[tuple[list[str], bytes]] = []

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address == REFUSED:
            return "550 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append((list(envelope.rcpt_tos), bytes(envelope.original_content)))
        return "250 Message accepted for delivery"

    @property
    def messages(self) -> list[EmailMessage]:
        return [
            email.message_from_bytes(raw, policy=email.policy.default)  # type: ignore[misc]
            for _rcpt, raw in self.received
        ]

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


def free_port() -> int:
    """A port of 127.0.0.1 that was free a moment ago (another process may take it since)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(handler: Any, attempts: int = 10) -> Controller:
    """A running aiosmtpd server with `handler` on a free port of 127.0.0.1; stop() it.

    Tests run in parallel processes (pytest -n): another one may bind the port between
    free_port() and the server's own bind, so a port that is taken by then is passed over.
    """
    for _ in range(attempts):
        controller = Controller(handler, hostname="127.0.0.1", port=free_port())
        try:
            controller.start()
        except OSError:  # EADDRINUSE: lost the port to another process
            continue
        return controller
    raise RuntimeError(f"no free port for the test SMTP server in {attempts} tries")


@contextmanager
def refusing_port() -> Iterator[int]:
    """A port of 127.0.0.1 that refuses connections while the block runs.

    The socket is bound but never listens, so connecting is refused, and no other process
    (another test worker's SMTP server, say) can take the port meanwhile.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        yield int(s.getsockname()[1])


def smtp_settings(settings: Any, port: int) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.SITE_URL = "https://allies.example.org"


@pytest.fixture
def smtp(settings: Any) -> Iterator[Sink]:
    sink = Sink()
    controller = start_server(sink)
    smtp_settings(settings, controller.port)
    try:
        yield sink
    finally:
        controller.stop()


@pytest.fixture
def no_smtp(settings: Any) -> Iterator[None]:
    """SMTP settings pointing at a port nobody listens on (and nobody can, meanwhile)."""
    with refusing_port() as port:
        smtp_settings(settings, port)
        yield
