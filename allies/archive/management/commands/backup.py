"""`allies backup`: the whole install, or one workspace, as one file (for cron).

Writes `allies-backup-YYYY-MM-DD-HHMMSS.jsonl` (or `…-workspace-ID-….jsonl`) into
`--output` (a directory, default the current one), or to standard output with `-o -`.
The file is written under a temporary name and renamed when complete, so a cron job that
is stopped half-way never leaves a file that looks whole.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from allies.archive.backup import backup_write
from allies.workspaces.models import Workspace


class Command(BaseCommand):
    help = (
        "Back up the whole install (people with their password hashes included) or one "
        "workspace (--workspace ID, people without passwords) into one JSON-lines file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--workspace", type=int, help="only this workspace (its id)")
        parser.add_argument(
            "-o",
            "--output",
            default=".",
            help="a directory to write the file into (default: here), or - for stdout",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        workspace = None
        if options["workspace"] is not None:
            workspace = Workspace.objects.filter(pk=options["workspace"]).first()
            if workspace is None:
                raise CommandError(f"no workspace {options['workspace']}")
        if options["output"] == "-":
            backup_write(out=sys.stdout.buffer, workspace=workspace)
            sys.stdout.buffer.flush()
            return
        directory = Path(options["output"])
        if not directory.is_dir():
            raise CommandError(f"{directory}: not a directory")
        stamp = timezone.now().strftime("%Y-%m-%d-%H%M%S")
        which = f"workspace-{workspace.pk}-" if workspace else ""
        path = directory / f"allies-backup-{which}{stamp}.jsonl"
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".allies-backup-")
        try:
            with os.fdopen(handle, "wb") as out:
                rows = backup_write(out=out, workspace=workspace)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temporary, 0o600)  # children's records: for the owner of the file only
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self.stdout.write(f"{path}: {rows} rows")
