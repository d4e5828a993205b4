"""`allies verify`: check every workspace's log (or one), and exit non-zero on any break.

For each workspace it prints "verified N revisions, head SEQ:HASH" (the first 12 hex
digits), or the first broken revision and why. `--checkpoint SEQ:HASH`, a head written
down earlier, also proves the log still extends it. `allies verify FILE` checks a CSV or
JSON export against its own seals instead, without the install it came from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from allies.log.chain import chain_verify, parse_checkpoint
from allies.log.export_check import MAX_BYTES, NotAnExport, check_export
from allies.workspaces.models import Workspace


class Command(BaseCommand):
    help = (
        "Check the log's hash chain: every seal, the numbering, each workspace's head, and "
        "that every entry still reads as its latest revision. Exits non-zero on any break."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", nargs="?", help="a CSV or JSON export to check against its own seals"
        )
        parser.add_argument("--workspace", type=int, help="only this workspace (its id)")
        parser.add_argument(
            "--checkpoint",
            metavar="SEQ:HASH",
            help="a head written down earlier (the hash may be its first 12+ hex digits): "
            "the log must still extend it; needs --workspace",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["file"]:
            self._check_file(Path(options["file"]))
            return
        checkpoint = None
        if options["checkpoint"]:
            if options["workspace"] is None:
                raise CommandError("--checkpoint is one workspace's: give --workspace too")
            try:
                checkpoint = parse_checkpoint(options["checkpoint"])
            except ValueError as error:
                raise CommandError(f"--checkpoint {options['checkpoint']!r}: {error}") from None
        workspaces = Workspace.objects.order_by("pk")
        if options["workspace"] is not None:
            workspaces = workspaces.filter(pk=options["workspace"])
            if not workspaces.exists():
                raise CommandError(f"no workspace {options['workspace']}")
        broken = 0
        for workspace in list(workspaces.only("pk")):
            result = chain_verify(workspace, checkpoint=checkpoint)
            if result.ok:
                line = f"workspace {workspace.pk}: verified {result.revisions} revisions, "
                self.stdout.write(f"{line}head {result.head}")
                if checkpoint:
                    self.stdout.write(f"workspace {workspace.pk}: extends {checkpoint[0]}")
            else:
                broken += 1
                self.stderr.write(
                    f"workspace {workspace.pk}: broken at revision {result.seq} "
                    f"({result.problem}): {result.message()}"
                )
        if broken:
            raise CommandError(f"{broken} workspace(s) did not verify")

    def _check_file(self, path: Path) -> None:
        try:
            if path.stat().st_size > MAX_BYTES:
                raise CommandError(f"{path}: too large to be an export")
            raw = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from None
        try:
            outcome = check_export(raw)
        except NotAnExport as refused:
            raise CommandError(f"{path}: {refused}") from None
        if not outcome.ok:
            raise CommandError(f"{path}: {outcome.problem}")
        self.stdout.write(
            f"{path}: {outcome.kind} export of {outcome.entries} entries holds together"
            f" ({outcome.fingerprint})"
        )
