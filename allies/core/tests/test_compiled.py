"""A compiled read sends what the ORM would send, and gives back what the queryset gives."""

from __future__ import annotations

import datetime
import importlib
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.db.models import Count, Max, Q, Value
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from allies.core import compiled
from allies.core.compiled import CompiledRead, Slot
from allies.log.models import Participation
from allies.team.models import TeamMember
from tests.support import make_entry, make_member

ALLIES = Path(compiled.__file__).resolve().parent.parent


def _import_every_read() -> list[CompiledRead]:
    """Import each module that defines a compiled read, so that REGISTRY holds them all."""
    for path in ALLIES.rglob("*.py"):
        if "tests" in path.parts or path.name == "compiled.py":
            continue
        if "CompiledRead(" in path.read_text(encoding="utf-8"):
            module = ".".join(path.relative_to(ALLIES.parent).with_suffix("").parts)
            importlib.import_module(module)
    return list(compiled.REGISTRY)


def sample(slot: Slot, n: int) -> Any:
    """Values like a page's: ids, days and moments around a change of clocks."""
    if slot is Slot.ID:
        return 40 + n
    if slot is Slot.IDS:
        return [40 + n, 7, 1000 + n]
    if slot is Slot.TEXT:
        return f"a key {n}"
    if slot is Slot.DATE:
        return datetime.date(2026, 3, 1) + datetime.timedelta(days=n)
    eastern = timezone.get_current_timezone()
    return datetime.datetime(2026, 3, 7, 23, 30, tzinfo=eastern) + datetime.timedelta(hours=n)


@pytest.mark.parametrize("read", _import_every_read(), ids=repr)
def test_every_read_sends_the_orm_s_own_sql(db: Any, read: CompiledRead) -> None:
    values = {name: sample(slot, n) for n, (name, slot) in enumerate(read.slots.items())}
    ours = read.sql_with_params(**values)
    orm = read.build(**values).query.sql_with_params()
    assert ours == (orm[0], tuple(orm[1]))


def test_the_registry_found_the_pages_reads() -> None:
    names = {repr(read) for read in _import_every_read()}
    assert any("allies.relationships.health" in name for name in names)


def per_member(workspace: int, since: datetime.datetime) -> Any:
    return (
        Participation.objects.filter(member__workspace=workspace, withdrawn=False)
        .values("member_id")
        .annotate(
            n=Count("pk"),
            recent=Count("pk", filter=Q(occurred_at__gte=since)),
            last=Max("occurred_at"),
        )
        .order_by("member_id")
    )


PER_MEMBER = CompiledRead(per_member, workspace=Slot.ID, since=Slot.DATETIME)
NAMES = CompiledRead(
    lambda workspace: TeamMember.objects.filter(workspace=workspace).values_list("name", flat=True),
    workspace=Slot.ID,
)
MEMBERS = CompiledRead(
    lambda workspace, day: (
        TeamMember.objects.filter(workspace=workspace, created_at__date__lte=day)
        .annotate(seven=Value(7))
        .order_by("name")
    ),
    workspace=Slot.ID,
    day=Slot.DATE,
)


def test_values_flat_values_and_instances_are_the_queryset_s(workspace: Any, alice: Any) -> None:
    lee, ray = make_member(workspace, "Ms. Lee"), make_member(workspace, "Mr. Ray")
    now = timezone.now()
    make_entry(workspace, alice, [lee], occurred_at=now - datetime.timedelta(days=3))
    make_entry(workspace, alice, [lee, ray], occurred_at=now - datetime.timedelta(days=30))
    since = now - datetime.timedelta(days=7)
    rows = PER_MEMBER.dicts(workspace=workspace.pk, since=since)
    assert rows == list(per_member(workspace.pk, since))
    assert isinstance(rows[0]["last"], datetime.datetime) and timezone.is_aware(rows[0]["last"])
    assert NAMES.flat(workspace=workspace.pk) == ["Mr. Ray", "Ms. Lee"]
    members = MEMBERS.objects(workspace=workspace.pk, day=timezone.localdate())
    assert members == [ray, lee]
    assert [m.seven for m in members] == [7, 7]
    assert members[0].created_at == ray.created_at and members[0]._state.adding is False
    assert MEMBERS.objects(workspace=workspace.pk, day=datetime.date(2000, 1, 1)) == []


WITH_ENTRY = CompiledRead(
    lambda workspace: (
        Participation.objects.filter(member__workspace=workspace)
        .select_related("member", "interaction__student")
        .annotate(seven=Value(7))
        .order_by("pk")
    ),
    workspace=Slot.ID,
)


def test_select_related_objects_are_set_as_the_queryset_sets_them(
    workspace: Any, alice: Any
) -> None:
    lee = make_member(workspace, "Ms. Lee")
    make_entry(workspace, alice, [lee])
    ours = WITH_ENTRY.objects(workspace=workspace.pk)
    (orm,) = list(WITH_ENTRY.build(workspace=workspace.pk))
    (mine,) = ours
    assert mine == orm and mine.seven == 7
    with CaptureQueriesContext(connection) as captured:
        assert mine.member == orm.member == lee and mine.member.name == "Ms. Lee"
        assert mine.interaction == orm.interaction
        assert mine.interaction.student is None  # a null foreign key, selected as None
    assert captured.captured_queries == []


BY_IDS = CompiledRead(
    lambda workspace, members: TeamMember.objects.filter(workspace=workspace, pk__in=members),
    workspace=Slot.ID,
    members=Slot.IDS,
)


def test_a_list_of_ids_is_sent_as_the_orm_sends_it_whatever_its_length(workspace: Any) -> None:
    team = [make_member(workspace, f"M{i}") for i in range(4)]
    for chosen in ([], [team[2]], team[:3], team[::-1]):
        ids = [m.pk for m in chosen]
        orm = BY_IDS.build(workspace=workspace.pk, members=ids)
        assert BY_IDS.objects(workspace=workspace.pk, members=ids) == list(orm)
        if ids:
            sql, params = orm.query.sql_with_params()
            assert BY_IDS.sql_with_params(workspace=workspace.pk, members=ids) == (
                sql,
                tuple(params),
            )
    with CaptureQueriesContext(connection) as captured:
        assert BY_IDS.objects(workspace=workspace.pk, members=[]) == []
    assert captured.captured_queries == []  # as the ORM: `__in=[]` sends nothing
    with pytest.raises(ValueError, match="repeats"):
        BY_IDS.objects(workspace=workspace.pk, members=[team[0].pk, team[0].pk])


def test_a_call_is_one_query_in_the_log_the_same_as_the_orm_s(workspace: Any) -> None:
    day = timezone.localdate()
    with CaptureQueriesContext(connection) as captured:
        MEMBERS.objects(workspace=workspace.pk, day=day)
        list(MEMBERS.build(workspace=workspace.pk, day=day))
    ours, orm = (q["sql"] for q in captured.captured_queries)
    assert ours == orm


def test_a_time_zone_in_the_sql_follows_the_active_one(workspace: Any) -> None:
    day = datetime.date(2026, 3, 8)
    for zone in ("America/New_York", "Asia/Tokyo", "America/New_York"):
        with timezone.override(zone):
            orm = MEMBERS.build(workspace=workspace.pk, day=day).query.sql_with_params()
            assert MEMBERS.sql_with_params(workspace=workspace.pk, day=day) == (
                orm[0],
                tuple(orm[1]),
            )


def test_a_placeholder_written_into_the_sql_text_is_refused(db: Any) -> None:
    read = CompiledRead(lambda n: TeamMember.objects.values_list("pk", flat=True)[:n], n=Slot.ID)
    compiled.REGISTRY.remove(read)
    with pytest.raises(ValueError, match="did not reach"):
        read.flat(n=1)


def test_the_wrong_values_are_refused(db: Any) -> None:
    with pytest.raises(TypeError, match="takes"):
        NAMES.flat(workspace=1, extra=2)
    with pytest.raises(TypeError, match="not a values"):
        NAMES.dicts(workspace=1)


def test_the_reads_written_for_exists_send_what_exists_sends(db: Any) -> None:
    from allies.log.models import Interaction
    from allies.toolkit.drafts import _ANY_LOGGED
    from allies.workspaces.models import _PENDING_FOR, Invitation

    now = timezone.now()
    logged = Interaction.objects.current().filter(
        workspace=3, occurred_at__gte=now, occurred_at__lt=now
    )
    invited = Invitation.objects.pending().addressed_to("rosa@example.com")
    for read, values, queryset in [
        (_ANY_LOGGED, {"workspace": 3, "start": now, "end": now}, logged),
        (_PENDING_FOR, {"email": "rosa@example.com"}, invited),
    ]:
        sql, params = queryset.query.exists().get_compiler(connection=connection).as_sql()
        assert read.sql_with_params(**values) == (sql, tuple(params))


def test_fetched_rows_become_the_same_instances_and_fingerprint_every_value(
    workspace: Any, alice: Any
) -> None:
    lee = make_member(workspace, "Ms. Lee")
    day = timezone.localdate()
    fetched = MEMBERS.fetch(workspace=workspace.pk, day=day)
    assert MEMBERS.instances(fetched) == MEMBERS.objects(workspace=workspace.pk, day=day)
    assert MEMBERS.fetch(workspace=workspace.pk, day=day).digest() == fetched.digest()
    TeamMember.objects.filter(pk=lee.pk).update(cadence_days=lee.cadence_days + 1)
    assert MEMBERS.fetch(workspace=workspace.pk, day=day).digest() != fetched.digest()
