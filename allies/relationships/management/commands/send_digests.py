"""`allies send-digests`: this week's digest to everyone who turned it on.

Meant for cron; safe to run more than once a week (one email per person per week). It
prints counts only, and exits non-zero if any digest failed (those are retried next run).
It also forgets the create forms' one-time tokens claimed more than a week ago
(allies.core.once): the one regular job an install runs.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from allies.core import once
from allies.relationships.digest import send_digests


class Command(BaseCommand):
    help = (
        "Send this week's digest email to everyone who turned it on. Safe to re-run: "
        "one email per person per week; failed ones are retried on the next run. Also "
        "forgets the one-time form tokens claimed more than a week ago."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        once.forget_old()
        outcome = send_digests()
        self.stdout.write(
            f"Sent {outcome.sent} digests; {outcome.already_sent} already sent this week; "
            f"{outcome.failed} failed."
        )
        if outcome.failed:
            raise CommandError(
                f"{outcome.failed} digests could not be sent; the next run will retry them."
            )
