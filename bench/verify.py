"""How fast `allies verify` checks a log: 100,000 revisions in one workspace.

50,000 entries (made in bulk, 8 team members), each sealed twice (created, then edited to
what it reads now), so the chain has 100,000 revisions and every entry is checked against
its latest. Prints the median time of `chain_verify` over the whole log and of two
baselines, with the speed ratio baseline time / verify time for each:

- sha256: plain `hashlib.sha256` over the very bytes the chain seals, held in memory;
- raw chain: the chain alone recomputed by hand from a plain cursor (SQL, json, hashlib;
  no ORM, no entry checks): what a small script checking only the seals would cost.

Target: a ratio of at least 0.5 against sha256. On this payload (JSON parsed and written
again canonically for every revision) that is out of reach in Python: see benchmarks.md.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import statistics
import time

import _setup

ENTRIES = 25_000 if "--quick" in _setup.sys.argv else 50_000
REPEAT = 5
TARGET = 0.5


def sealed_workspace() -> tuple[object, list[bytes]]:
    """The workspace, and the bytes each of its revisions seals (prev hash + payload)."""
    from allies.log.chain import GENESIS_HASH, canonical_json, entry_snapshot, revision_payload
    from allies.log.models import Interaction, InteractionRevision, Participation
    from allies.team.models import TeamMember
    from allies.workspaces.models import Workspace

    user, workspace = _setup.fill_workspace("verify", entries=ENTRIES)
    Interaction.objects.filter(workspace=workspace).update(revision_count=2)
    team = {m.pk: (m.pk, m.name, m.role) for m in TeamMember.objects.filter(workspace=workspace)}
    people = dict(Participation.objects.values_list("interaction_id", "member_id"))
    now = _setup.timezone.now()
    prev, seq, sealed, rows = GENESIS_HASH, 0, [], []
    for entry in Interaction.objects.filter(workspace=workspace).order_by("pk"):
        data = entry_snapshot(
            occurred_at=entry.occurred_at,
            channel=entry.channel,
            direction=entry.direction,
            participants=[team[people[entry.pk]]],
            purposes=entry.purposes,
            tone=entry.tone,
            summary=entry.summary,
            follow_up_due=entry.follow_up_due,
            student_id=None,
            student_name=None,
            follow_up_done=entry.follow_up_done,
        )
        first = {**data, "summary": "An earlier wording."}
        for number, kind, said in ((1, "created", first), (2, "edited", data)):
            seq += 1
            payload = revision_payload(
                workspace=workspace.pk,
                seq=seq,
                interaction=entry.pk,
                number=number,
                kind=kind,
                author=user.email,
                recorded_at=now,
                reason="",
                data=said,
            )
            message = (prev + canonical_json(payload)).encode()
            digest = hashlib.sha256(message).hexdigest()
            sealed.append(message)
            rows.append(
                InteractionRevision(
                    workspace=workspace,
                    interaction=entry,
                    seq=seq,
                    number=number,
                    kind=kind,
                    author=user,
                    author_label=user.email,
                    recorded_at=now,
                    reason="",
                    data=said,
                    prev_hash=prev,
                    hash=digest,
                )
            )
            prev = digest
    InteractionRevision.objects.bulk_create(rows, batch_size=2000)
    Workspace.objects.filter(pk=workspace.pk).update(log_seq=seq, log_head=prev)
    return Workspace.objects.get(pk=workspace.pk), sealed


def median_seconds(fn: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from allies.log.chain import chain_verify

    workspace, sealed = sealed_workspace()

    def raw() -> None:
        sha256 = hashlib.sha256
        for message in sealed:
            sha256(message).hexdigest()

    def raw_chain() -> None:
        sql = (
            "SELECT seq, interaction_id, number, kind, author_label, recorded_at, reason,"
            " data, prev_hash, hash FROM log_interactionrevision WHERE workspace_id = %s"
            " ORDER BY seq"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [workspace.pk])
            prev = "0" * 64
            while rows := cursor.fetchmany(2000):
                for seq, entry, number, kind, author, at, reason, data, prev_hash, digest in rows:
                    payload = {
                        "workspace": workspace.pk,
                        "seq": seq,
                        "interaction": entry,
                        "number": number,
                        "kind": kind,
                        "author": author,
                        "recorded_at": at.replace(tzinfo=datetime.UTC).isoformat(),
                        "reason": reason,
                        "data": json.loads(data),
                    }
                    text = json.dumps(
                        payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False
                    )
                    ok = hashlib.sha256((prev_hash + text).encode()).hexdigest() == digest
                    assert ok and prev_hash == prev, seq
                    prev = digest

    def verify() -> None:
        result = chain_verify(workspace)
        assert result.ok and result.revisions == len(sealed), result

    verify()  # warm
    with CaptureQueriesContext(connection) as ctx:
        verify()
    t_verify = median_seconds(verify, REPEAT)
    print(
        f"{len(sealed):,} revisions: verify {t_verify * 1000:.0f} ms in "
        f"{len(ctx.captured_queries)} queries"
    )
    print(f"{'baseline':<12}{'ms':>10}{'ratio':>8}")
    failed = False
    for label, fn, target in (("sha256", raw, TARGET), ("raw chain", raw_chain, None)):
        t_base = median_seconds(fn, REPEAT)
        ratio = t_base / t_verify
        flag = "  <-- under target" if target is not None and ratio < target else ""
        failed |= bool(flag)
        print(f"{label:<12}{t_base * 1000:>10.1f}{ratio:>8.2f}{flag}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
