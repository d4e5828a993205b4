"""`allies purge`: remove for good the workspaces and accounts deleted more than the grace
period ago (ALLIES_DELETE_GRACE_DAYS, 30 by default). Run it daily from cron."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from allies.archive.leaving import purge


class Command(BaseCommand):
    help = "Remove for good what was deleted longer ago than the grace period."

    def handle(self, *args: Any, **options: Any) -> None:
        workspaces, accounts = purge()
        self.stdout.write(f"removed {workspaces} workspace(s) and {accounts} account(s)")
