"""`allies restore FILE`: a backup into an empty install, all or nothing.

Refused, with the reason, and nothing changed: a file that is not a backup, is cut short
or was changed, a log revision altered (named by its number), or an install that already
has people or workspaces.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from allies.archive.backup import Refused, restore


class Command(BaseCommand):
    help = "Restore a backup made by `allies backup` into an empty install."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the backup (.jsonl, or .jsonl.gz)")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            with path.open("rb") as stream:
                done = restore(stream)
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from None
        except Refused as refused:
            raise CommandError(f"{path}: {refused} Nothing was restored.") from None
        self.stdout.write(done.summary())
        for pk, name, head in done.workspaces:
            self.stdout.write(f"workspace {pk} ({name}): verified, head {head}")
        if not done.passwords:
            self.stdout.write(
                "The people in a workspace's backup have no password here yet: each chooses "
                "one with “Forgot your password?” on the sign-in page, or an administrator "
                "sets one with `allies changepassword EMAIL`."
            )
