"""Many sealed entries at once, for tests that measure a page at 1,000 entries."""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, Subquery

from allies.log.chain import entry_snapshot, revision_hash, revision_payload
from allies.log.models import Interaction, InteractionRevision, Participation
from allies.workspaces.models import Workspace
from tests.support import seed_entries


def seed_sealed_entries(workspace: Any, author: Any, members: list[Any], count: int) -> None:
    """`seed_entries`, then one revision for each new entry, sealed as `_seal` would: in
    bulk, so a log of 1,000 verifies without 1,000 trips through the services."""
    ws = Workspace.objects.get(pk=workspace.pk)
    seed_entries(workspace, author, members, count)
    people = [(m.pk, m.name, m.role) for m in members]
    seq, prev, rows = ws.log_seq, ws.log_head, []
    for entry in Interaction.objects.filter(workspace=ws, revisions__isnull=True).order_by("pk"):
        seq += 1
        data = entry_snapshot(
            occurred_at=entry.occurred_at,
            channel=entry.channel,
            direction=entry.direction,
            participants=people,
            purposes=entry.purposes,
            tone=entry.tone,
            summary=entry.summary,
            follow_up_due=entry.follow_up_due,
            student_id=None,
            student_name=None,
            follow_up_done=entry.follow_up_done,
        )
        at = entry.created_at
        payload = revision_payload(
            workspace=ws.pk,
            seq=seq,
            interaction=entry.pk,
            number=1,
            kind="created",
            author=author.email,
            recorded_at=at,
            reason="",
            data=data,
        )
        digest = revision_hash(prev_hash=prev, payload=payload)
        rows.append(
            InteractionRevision(
                workspace=ws,
                interaction=entry,
                seq=seq,
                number=1,
                kind="created",
                author=author,
                author_label=author.email,
                recorded_at=at,
                reason="",
                data=data,
                prev_hash=prev,
                hash=digest,
            )
        )
        prev = digest
    # seed_entries leaves the people's copies of purposes and direction at their defaults.
    entry = Interaction.objects.filter(pk=OuterRef("interaction_id"))
    Participation.objects.filter(interaction__workspace=ws).update(
        purposes=Subquery(entry.values("purposes")[:1]),
        direction=Subquery(entry.values("direction")[:1]),
    )
    InteractionRevision.objects.bulk_create(rows)
    Workspace.objects.filter(pk=ws.pk).update(log_seq=seq, log_head=prev)
