"""Team health figures, checked against numbers worked out by hand.

Every test passes a fixed `today` (TODAY, a Wednesday) and logs entries at explicit aware
times, so nothing depends on the clock. The expected figures are literals; the comment
next to each says how it was counted.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from allies.log.models import Interaction, Participation, Purpose
from allies.log.services import follow_up_close, interaction_edit, interaction_withdraw
from allies.relationships.health import (
    MonthRow,
    Status,
    follow_ups_soon,
    member_series,
    month_starts,
    open_follow_ups,
    status_for,
    team_health,
    workspace_series,
)
from allies.team.models import TeamMember
from tests.support import make_entry, make_member

TODAY = datetime.date(2025, 6, 18)  # a Wednesday, in summer time everywhere used here
CHICAGO = "America/Chicago"

APPRECIATION = int(Purpose.APPRECIATION)
VICTORY = int(Purpose.VICTORY)
CONCERN = int(Purpose.CONCERN)
QUESTION = int(Purpose.QUESTION)
CHECK_IN = int(Purpose.CHECK_IN)


def at(day: datetime.date, hour: int = 12, minute: int = 0, second: int = 0) -> datetime.datetime:
    """`day` at the given wall-clock time in the active time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute, second)))


def days_ago(days: int, hour: int = 12, minute: int = 0, second: int = 0) -> datetime.datetime:
    return at(TODAY - datetime.timedelta(days=days), hour, minute, second)


def log(workspace: Any, author: Any, members: list[Any], when: datetime.datetime, **fields: Any):
    return make_entry(workspace, author, members, occurred_at=when, **fields)


def added_on(member: Any, when: datetime.datetime) -> None:
    """Back-date when a team member was added (created_at is auto_now_add)."""
    TeamMember.objects.filter(pk=member.pk).update(created_at=when)
    member.refresh_from_db()


def health_of(workspace: Any, member: Any, today: datetime.date = TODAY) -> Any:
    return team_health(workspace, today=today).by_member()[member.pk]


def withdraw(entry: Any, author: Any) -> None:
    interaction_withdraw(interaction=entry, author=author, reason="Logged by mistake.")


def nonzero(rows: list[MonthRow]) -> dict[datetime.date, tuple[int, int, int]]:
    """The months with anything in them, as (contacts, positive, concerns)."""
    return {
        r.month: (r.contacts, r.positive, r.concerns)
        for r in rows
        if (r.contacts, r.positive, r.concerns) != (0, 0, 0)
    }


# --- Status and quiet days -------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "cadence", "expected"),
    [
        (0, 10, Status.ON_TRACK),
        (9, 10, Status.ON_TRACK),  # a day short of the cadence
        (10, 10, Status.DUE),  # exactly the cadence
        (19, 10, Status.DUE),  # a day short of twice the cadence
        (20, 10, Status.OVERDUE),  # exactly twice the cadence
        (0, 1, Status.ON_TRACK),
        (1, 1, Status.DUE),
        (2, 1, Status.OVERDUE),
    ],
)
def test_status_for_boundaries(days: int, cadence: int, expected: Status) -> None:
    assert status_for(days, cadence) == expected


def test_a_member_never_contacted_is_quiet_since_they_were_added(
    workspace: Any, alice: Any
) -> None:
    lee = make_member(workspace, "Ms. Lee", cadence_days=14)
    added_on(lee, days_ago(20, hour=9))
    health = health_of(workspace, lee)
    assert health.last_contact is None
    assert health.days_since is None
    # Added on 29 May, TODAY is 18 June: 20 days; 14 <= 20 < 28 -> due, 6 days past cadence.
    assert health.days_quiet == 20
    assert health.status == Status.DUE
    assert health.days_overdue == 6
    assert health.lateness == pytest.approx(20 / 14)


@pytest.mark.parametrize(
    ("added_days_ago", "status"),
    [(13, Status.ON_TRACK), (14, Status.DUE), (27, Status.DUE), (28, Status.OVERDUE)],
)
def test_never_contacted_status_follows_the_cadence_from_the_day_added(
    workspace: Any, added_days_ago: int, status: Status
) -> None:
    lee = make_member(workspace, "Ms. Lee", cadence_days=14)
    added_on(lee, days_ago(added_days_ago, hour=23, minute=59))
    health = health_of(workspace, lee)
    assert health.days_quiet == added_days_ago
    assert health.status == status


def test_a_member_added_today_is_on_track_with_no_quiet_days(workspace: Any) -> None:
    lee = make_member(workspace, "Ms. Lee", cadence_days=1)
    # With the real clock: added a moment ago, read with today's date.
    health = team_health(workspace).by_member()[lee.pk]
    assert (health.days_since, health.days_quiet, health.status) == (None, 0, Status.ON_TRACK)
    # With a fixed today: added this morning.
    added_on(lee, at(TODAY, hour=0, minute=1))
    health = health_of(workspace, lee)
    assert (health.days_since, health.days_quiet, health.status) == (None, 0, Status.ON_TRACK)


def test_a_member_added_after_today_is_not_negatively_quiet(workspace: Any) -> None:
    lee = make_member(workspace, "Ms. Lee")
    added_on(lee, at(TODAY + datetime.timedelta(days=3)))
    assert health_of(workspace, lee).days_quiet == 0


@pytest.mark.parametrize(
    ("days", "status", "days_overdue"),
    [
        (0, Status.ON_TRACK, 0),
        (9, Status.ON_TRACK, 0),  # cadence - 1
        (10, Status.DUE, 0),  # cadence
        (19, Status.DUE, 9),  # 2 x cadence - 1
        (20, Status.OVERDUE, 10),  # 2 x cadence
    ],
)
def test_status_on_the_cadence_boundaries(
    workspace: Any, alice: Any, days: int, status: Status, days_overdue: int
) -> None:
    lee = make_member(workspace, "Ms. Lee", cadence_days=10)
    added_on(lee, days_ago(300))
    # Late in the evening, so whole calendar days are counted, not 24-hour periods.
    when = days_ago(days, hour=23, minute=59)
    log(workspace, alice, [lee], when)
    health = health_of(workspace, lee)
    assert health.last_contact == when
    assert health.days_since == days
    assert health.days_quiet == days
    assert health.status == status
    assert health.days_overdue == days_overdue


def test_any_interaction_resets_the_clock_even_one_they_started(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee", cadence_days=14)
    log(workspace, alice, [lee], days_ago(30), purposes=VICTORY)
    assert health_of(workspace, lee).status == Status.OVERDUE  # 30 >= 28
    # A question she sent us two days ago, no purpose that "counts" for anything else.
    latest = log(workspace, alice, [lee], days_ago(2), direction="received", purposes=QUESTION)
    health = health_of(workspace, lee)
    assert health.last_contact == latest.occurred_at
    assert (health.days_since, health.status) == (2, Status.ON_TRACK)


def test_a_withdrawn_entry_does_not_count_as_contact(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee", cadence_days=14)
    added_on(lee, days_ago(40))
    older = log(workspace, alice, [lee], days_ago(30))
    newer = log(workspace, alice, [lee], days_ago(2))
    withdraw(newer, alice)
    health = health_of(workspace, lee)
    assert health.last_contact == older.occurred_at
    assert (health.days_since, health.status) == (30, Status.OVERDUE)
    # With every entry withdrawn, the silence counts from when she was added again.
    withdraw(older, alice)
    health = health_of(workspace, lee)
    assert (health.last_contact, health.days_since, health.days_quiet) == (None, None, 40)
    assert health.status == Status.OVERDUE  # 40 >= 28


def test_inactive_members_are_left_out_but_can_be_asked_for_one_by_one(
    workspace: Any, alice: Any
) -> None:
    lee = make_member(workspace, "Ms. Lee")
    gone = make_member(workspace, "Mr. Gone", active=False)
    log(workspace, alice, [lee, gone], days_ago(3))
    health = team_health(workspace, today=TODAY, series=True)
    assert [h.member for h in health.members] == [lee]
    assert health.rollup.members == 1
    one = team_health(workspace, member=gone, today=TODAY)
    assert [h.member for h in one.members] == [gone]
    assert one.members[0].days_since == 3
    # A single member's page has no workspace roll-up.
    assert one.rollup.members == 0


# --- Positive, concerns and the 90-day window -------------------------------------------


def test_positive_counts_appreciation_or_victory_once_per_entry(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee")
    for days, purposes in [
        (1, APPRECIATION),  # positive
        (2, VICTORY),  # positive, victory
        (3, APPRECIATION | VICTORY),  # positive once, victory
        (4, CONCERN),  # concern
        (5, CONCERN | QUESTION),  # concern
        (6, CHECK_IN),  # nothing
        (7, VICTORY | CONCERN),  # positive, victory, concern
    ]:
        log(workspace, alice, [lee], days_ago(days), purposes=purposes)
    health = health_of(workspace, lee)
    # positive: days 1, 2, 3, 7 = 4; victories: 2, 3, 7 = 3; concerns: 4, 5, 7 = 3.
    assert (health.positive, health.victories, health.concerns) == (4, 3, 3)
    assert health.positive_share == pytest.approx(4 / 7)
    rollup = team_health(workspace, today=TODAY, series=True).rollup
    assert (rollup.positive, rollup.concerns) == (4, 3)


def test_positive_share_is_none_without_positive_or_concerns(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee")
    log(workspace, alice, [lee], days_ago(1), purposes=CHECK_IN)
    health = health_of(workspace, lee)
    assert (health.positive, health.concerns, health.positive_share) == (0, 0, None)


def test_the_90_day_window_starts_at_midnight_89_days_back(workspace: Any, alice: Any) -> None:
    # POSITIVE_DAYS = 90 is applied as day_start(today - 89): TODAY and the 89 days before
    # it. 89 days before 18 June 2025 is 21 March; 90 days before is 20 March.
    lee = make_member(workspace, "Ms. Lee")
    first_moment = at(datetime.date(2025, 3, 21), 0, 0, 0)
    last_moment_before = at(datetime.date(2025, 3, 20), 23, 59, 59)
    assert first_moment == days_ago(89, 0, 0, 0)
    log(workspace, alice, [lee], first_moment, purposes=VICTORY)  # counted
    log(workspace, alice, [lee], first_moment, purposes=CONCERN)  # counted
    log(workspace, alice, [lee], last_moment_before, purposes=VICTORY | APPRECIATION)  # not
    log(workspace, alice, [lee], last_moment_before, purposes=CONCERN)  # not
    health = health_of(workspace, lee)
    assert (health.positive, health.victories, health.concerns) == (1, 1, 1)
    assert health.last_victory == first_moment
    assert health.last_thanks is None  # the thank-you on 20 March is outside the window
    rollup = team_health(workspace, today=TODAY, series=True).rollup
    assert (rollup.positive, rollup.concerns) == (1, 1)


def test_withdrawn_entries_do_not_count_in_any_figure(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee")
    entry = log(
        workspace,
        alice,
        [lee],
        days_ago(1),
        purposes=VICTORY | CONCERN | APPRECIATION,
        follow_up_due=TODAY - datetime.timedelta(days=1),
    )
    withdraw(entry, alice)
    health = health_of(workspace, lee)
    figures = (health.positive, health.victories, health.concerns)
    assert figures == (0, 0, 0)
    assert (health.you_started, health.they_started) == (0, 0)
    assert (health.follow_ups_due, health.follow_ups_past_due) == (0, 0)
    assert (health.last_victory, health.last_thanks) == (None, None)
    rollup = team_health(workspace, today=TODAY, series=True).rollup
    assert (rollup.positive, rollup.concerns, rollup.you_started) == (0, 0, 0)
    assert (rollup.follow_ups_due, rollup.follow_ups_past_due) == (0, 0)
    assert workspace_series(workspace, TODAY)[-1].contacts == 0


def test_last_thanks_ignores_thanks_they_sent_us(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee")
    victory = log(workspace, alice, [lee], days_ago(10), purposes=VICTORY)
    log(workspace, alice, [lee], days_ago(5), purposes=APPRECIATION, direction="received")
    health = health_of(workspace, lee)
    assert (health.last_victory, health.last_thanks) == (victory.occurred_at, None)
    assert health.unthanked_victory
    thanks = log(workspace, alice, [lee], days_ago(4), purposes=APPRECIATION, direction="both")
    health = health_of(workspace, lee)
    assert health.last_thanks == thanks.occurred_at
    assert not health.unthanked_victory


# --- Reciprocity -------------------------------------------------------------------------


def test_reciprocity_counts_who_started_it_over_12_months(workspace: Any, alice: Any) -> None:
    # The window is the 12 calendar months of the series: 1 July 2024 onwards.
    lee = make_member(workspace, "Ms. Lee")
    park = make_member(workspace, "Mr. Park")
    log(workspace, alice, [lee], days_ago(1), direction="sent")  # lee: you
    log(workspace, alice, [lee, park], days_ago(2), direction="sent")  # both: you
    log(workspace, alice, [lee], days_ago(3), direction="received")  # lee: they
    log(workspace, alice, [lee], days_ago(4), direction="both")  # neither
    log(workspace, alice, [lee, park], days_ago(5), direction="both")  # neither
    first = at(datetime.date(2024, 7, 1), 0, 0, 0)
    log(workspace, alice, [park], first, direction="received")  # park: they
    log(workspace, alice, [lee], first - datetime.timedelta(seconds=1), direction="sent")  # outside
    withdraw(log(workspace, alice, [lee], days_ago(6), direction="sent"), alice)  # withdrawn
    health = team_health(workspace, today=TODAY, series=True)
    by_member = health.by_member()
    assert (by_member[lee.pk].you_started, by_member[lee.pk].they_started) == (2, 1)
    assert (by_member[park.pk].you_started, by_member[park.pk].they_started) == (1, 1)
    # Entries once each: sent on days 1 and 2; received on day 3 and on 1 July 2024.
    assert (health.rollup.you_started, health.rollup.they_started) == (2, 2)


# --- Follow-ups --------------------------------------------------------------------------


def test_follow_ups_due_within_a_week_and_past_due(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee")
    park = make_member(workspace, "Mr. Park")
    when = days_ago(40)
    day = datetime.timedelta(days=1)

    def follow_up(members: list[Any], due: datetime.date) -> Any:
        return log(workspace, alice, members, when, follow_up_due=due)

    f1 = follow_up([lee], TODAY - day)  # lee: past due
    f2 = follow_up([lee, park], TODAY)  # both: due (today is not past due)
    f3 = follow_up([lee], TODAY + 7 * day)  # lee: due (last day of the week ahead)
    f4 = follow_up([lee], TODAY + 8 * day)  # not counted yet
    f5 = follow_up([park], TODAY - 30 * day)  # closed: not counted
    follow_up_close(interaction=f5, author=alice, done_on=TODAY - 29 * day)
    f6 = follow_up([park], TODAY - 2 * day)  # withdrawn: not counted
    withdraw(f6, alice)
    f7 = follow_up([park], TODAY - 3 * day)  # park: past due
    health = team_health(workspace, today=TODAY, series=True)
    by_member = health.by_member()
    assert (by_member[lee.pk].follow_ups_due, by_member[lee.pk].follow_ups_past_due) == (2, 1)
    assert (by_member[park.pk].follow_ups_due, by_member[park.pk].follow_ups_past_due) == (1, 1)
    # Entries once each: due f2, f3; past due f1, f7.
    assert (health.rollup.follow_ups_due, health.rollup.follow_ups_past_due) == (2, 2)
    assert list(follow_ups_soon(workspace, TODAY)) == [f7, f1, f2, f3]
    assert set(open_follow_ups(workspace)) == {f1, f2, f3, f4, f7}


# --- Roll-up statuses --------------------------------------------------------------------


def test_rollup_counts_statuses_and_entries_once(workspace: Any, alice: Any) -> None:
    a = make_member(workspace, "A", cadence_days=10)
    b = make_member(workspace, "B", cadence_days=10)
    c = make_member(workspace, "C", cadence_days=10)
    log(workspace, alice, [a, b], days_ago(3), purposes=VICTORY)  # a, b on track
    log(workspace, alice, [c], days_ago(12), purposes=CONCERN)  # c due (10 <= 12 < 20)
    rollup = team_health(workspace, today=TODAY, series=True).rollup
    assert (rollup.members, rollup.on_track, rollup.due, rollup.overdue) == (3, 2, 1, 0)
    # The victory with two members is one positive entry in the roll-up.
    assert (rollup.positive, rollup.concerns) == (1, 1)


def test_losing_touch_sorts_by_lateness_then_silence_then_name(workspace: Any, alice: Any) -> None:
    weekly = make_member(workspace, "Weekly", cadence_days=7)
    monthly = make_member(workspace, "Monthly", cadence_days=30)
    zed = make_member(workspace, "Zed", cadence_days=10)
    abe = make_member(workspace, "Abe", cadence_days=10)
    make_member(workspace, "Fine", cadence_days=10)  # never contacted, added "now": on track
    log(workspace, alice, [weekly], days_ago(14))  # lateness 2.0
    log(workspace, alice, [monthly], days_ago(45))  # lateness 1.5
    log(workspace, alice, [zed, abe], days_ago(15))  # lateness 1.5 each, 15 < 45 days
    late = team_health(workspace, today=TODAY).losing_touch
    assert [h.member for h in late] == [weekly, monthly, abe, zed]


# --- Monthly series ----------------------------------------------------------------------


def test_month_starts_are_the_last_twelve_months_oldest_first() -> None:
    assert month_starts(TODAY) == [datetime.date(2024, m, 1) for m in range(7, 13)] + [
        datetime.date(2025, m, 1) for m in range(1, 7)
    ]
    assert month_starts(datetime.date(2025, 1, 31), 3) == [
        datetime.date(2024, 11, 1),
        datetime.date(2024, 12, 1),
        datetime.date(2025, 1, 1),
    ]


def test_series_per_workspace_and_per_member(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee")
    park = make_member(workspace, "Mr. Park")
    june, may = datetime.date(2025, 6, 2), datetime.date(2025, 5, 31)
    log(workspace, alice, [lee, park], at(june), purposes=VICTORY)  # June, both members
    log(workspace, alice, [lee], at(may, 23, 59, 59), purposes=CONCERN)  # May (last second)
    july_2024 = at(datetime.date(2024, 7, 1), 0, 0, 0)  # the first moment of the series
    log(workspace, alice, [park], july_2024, purposes=APPRECIATION | VICTORY)
    log(workspace, alice, [lee], at(datetime.date(2024, 6, 30), 23, 59, 59))  # before it
    withdraw(log(workspace, alice, [lee], at(june), purposes=CONCERN), alice)  # withdrawn
    series = workspace_series(workspace, TODAY)
    assert [r.month for r in series] == month_starts(TODAY)
    # The two-member June victory is one entry for the workspace.
    assert nonzero(series) == {
        datetime.date(2024, 7, 1): (1, 1, 0),
        datetime.date(2025, 5, 1): (1, 0, 1),
        datetime.date(2025, 6, 1): (1, 1, 0),
    }
    assert nonzero(member_series(lee, TODAY)) == {
        datetime.date(2025, 5, 1): (1, 0, 1),
        datetime.date(2025, 6, 1): (1, 1, 0),
    }
    assert nonzero(member_series(park, TODAY)) == {
        datetime.date(2024, 7, 1): (1, 1, 0),
        datetime.date(2025, 6, 1): (1, 1, 0),
    }
    with_series = team_health(workspace, today=TODAY, series=True)
    assert with_series.series == series
    assert team_health(workspace, today=TODAY).series == []


def test_series_across_the_new_year(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee")
    log(workspace, alice, [lee], at(datetime.date(2024, 12, 31), 23, 59, 59))
    log(workspace, alice, [lee], at(datetime.date(2025, 1, 1), 0, 0, 0))
    log(workspace, alice, [lee], at(datetime.date(2025, 1, 1), 0, 0, 1))
    today = datetime.date(2025, 1, 10)
    expected = {datetime.date(2024, 12, 1): (1, 0, 0), datetime.date(2025, 1, 1): (2, 0, 0)}
    assert nonzero(workspace_series(workspace, today)) == expected
    assert nonzero(member_series(lee, today)) == expected


# --- Time zones --------------------------------------------------------------------------


def test_days_since_follows_the_active_time_zone(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee", cadence_days=1)
    park = make_member(workspace, "Mr. Park", cadence_days=1)
    with timezone.override(CHICAGO):
        # 23:30 on Tuesday 17 June in Chicago (CDT, UTC-5) is 04:30 on the 18th in UTC.
        late_evening = at(datetime.date(2025, 6, 17), 23, 30)
    # 00:30 UTC on Wednesday 18 June is 19:30 on Tuesday the 17th in Chicago.
    just_after_utc_midnight = datetime.datetime(2025, 6, 18, 0, 30, tzinfo=datetime.UTC)
    log(workspace, alice, [lee], late_evening)
    log(workspace, alice, [park], just_after_utc_midnight)
    with timezone.override(CHICAGO):
        health = team_health(workspace, today=TODAY).by_member()
        # Both were on Tuesday in Chicago: one day before Wednesday, due at a 1-day cadence.
        assert (health[lee.pk].days_since, health[lee.pk].status) == (1, Status.DUE)
        assert (health[park.pk].days_since, health[park.pk].status) == (1, Status.DUE)
    with timezone.override("UTC"):
        health = team_health(workspace, today=TODAY).by_member()
        # Both were on Wednesday in UTC: today.
        assert (health[lee.pk].days_since, health[lee.pk].status) == (0, Status.ON_TRACK)
        assert (health[park.pk].days_since, health[park.pk].status) == (0, Status.ON_TRACK)


def test_the_positive_window_starts_at_midnight_in_the_active_time_zone(
    workspace: Any, alice: Any
) -> None:
    lee = make_member(workspace, "Ms. Lee")
    with timezone.override(CHICAGO):
        # 23:30 on 20 March in Chicago (90 days back) is 04:30 on 21 March (89 back) in UTC.
        when = at(datetime.date(2025, 3, 20), 23, 30)
    log(workspace, alice, [lee], when, purposes=VICTORY)
    with timezone.override(CHICAGO):
        assert health_of(workspace, lee).positive == 0
    with timezone.override("UTC"):
        assert health_of(workspace, lee).positive == 1


def test_month_buckets_follow_the_active_time_zone(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee")
    with timezone.override(CHICAGO):
        # 23:30 on 31 October in Chicago (CDT until 2 November) is 04:30 on 1 November UTC.
        halloween_night = at(datetime.date(2025, 10, 31), 23, 30)
    assert halloween_night == datetime.datetime(2025, 11, 1, 4, 30, tzinfo=datetime.UTC)
    log(workspace, alice, [lee], halloween_night, purposes=VICTORY)
    today = datetime.date(2025, 11, 15)
    october, november = datetime.date(2025, 10, 1), datetime.date(2025, 11, 1)
    with timezone.override(CHICAGO):
        assert nonzero(workspace_series(workspace, today)) == {october: (1, 1, 0)}
        assert nonzero(member_series(lee, today)) == {october: (1, 1, 0)}
        assert nonzero(team_health(workspace, today=today, series=True).series) == {
            october: (1, 1, 0)
        }
    with timezone.override("UTC"):
        assert nonzero(workspace_series(workspace, today)) == {november: (1, 1, 0)}
        assert nonzero(member_series(lee, today)) == {november: (1, 1, 0)}


# --- Edits move the figures ----------------------------------------------------------------


def test_an_edited_entry_moves_its_figures(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee", cadence_days=14)
    park = make_member(workspace, "Mr. Park", cadence_days=14)
    added_on(lee, days_ago(200))
    added_on(park, days_ago(200))
    entry = log(workspace, alice, [lee], days_ago(100), purposes=VICTORY, direction="sent")
    health = health_of(workspace, lee)
    # 100 days back: contact, and "I started it", but outside the 90-day positive window.
    assert (health.days_since, health.status) == (100, Status.OVERDUE)
    assert (health.positive, health.victories, health.you_started) == (0, 0, 1)
    assert nonzero(member_series(lee, TODAY)) == {datetime.date(2025, 3, 1): (1, 1, 0)}

    interaction_edit(
        interaction=entry,
        author=alice,
        participants=[lee, park],
        occurred_at=days_ago(3),
        purposes=CONCERN | APPRECIATION,
        direction="received",
    )
    copies = Participation.objects.filter(interaction=entry).values_list(
        "member_id", "occurred_at", "purposes", "direction", "withdrawn"
    )
    assert sorted(copies) == sorted(
        (m.pk, days_ago(3), CONCERN | APPRECIATION, "received", False) for m in (lee, park)
    )
    health = team_health(workspace, today=TODAY, series=True)
    for member in (lee, park):
        h = health.by_member()[member.pk]
        assert (h.days_since, h.status) == (3, Status.ON_TRACK)
        assert (h.positive, h.victories, h.concerns) == (1, 0, 1)
        assert (h.you_started, h.they_started) == (0, 1)
        assert h.last_thanks is None  # they thanked us: not a thank-you from us
        assert nonzero(member_series(member, TODAY)) == {datetime.date(2025, 6, 1): (1, 1, 1)}
    assert (health.rollup.positive, health.rollup.concerns, health.rollup.they_started) == (1, 1, 1)
    assert nonzero(workspace_series(workspace, TODAY)) == {datetime.date(2025, 6, 1): (1, 1, 1)}

    # Taking Ms. Lee off the entry takes its figures off her.
    interaction_edit(interaction=entry, author=alice, participants=[park])
    health = team_health(workspace, today=TODAY).by_member()
    assert (health[lee.pk].days_since, health[lee.pk].days_quiet) == (None, 200)
    assert (health[lee.pk].positive, health[lee.pk].concerns) == (0, 0)
    assert health[park.pk].days_since == 3

    # Withdrawing it takes them off everyone, and the copies say so.
    withdraw(entry, alice)
    assert list(Participation.objects.filter(interaction=entry).values_list("withdrawn")) == [
        (True,)
    ]
    assert health_of(workspace, park).days_since is None


def test_an_edited_follow_up_due_date_moves_it(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee")
    entry = log(workspace, alice, [lee], days_ago(10), follow_up_due=TODAY + datetime.timedelta(9))
    assert health_of(workspace, lee).follow_ups_due == 0  # 9 days ahead: not yet
    interaction_edit(
        interaction=entry,
        author=alice,
        participants=[lee],
        follow_up_due=TODAY - datetime.timedelta(days=1),
    )
    health = health_of(workspace, lee)
    assert (health.follow_ups_due, health.follow_ups_past_due) == (0, 1)


# --- A fixed number of queries -------------------------------------------------------------


def _bulk_log(workspace: Any, author: Any, members: list[Any], count: int, offset: int) -> None:
    """`count` entries without revisions, each with every member, copies kept in step."""
    rows = []
    for i in range(count):
        n = offset + i
        rows.append(
            Interaction(
                workspace=workspace,
                author=author,
                occurred_at=days_ago(n % 400),
                channel="email",
                direction=("sent", "received", "both")[n % 3],
                purposes=(VICTORY, CONCERN, APPRECIATION, CHECK_IN)[n % 4],
                tone="neutral",
                summary=f"Entry {n}",
                follow_up_due=TODAY + datetime.timedelta(days=n % 11 - 5) if n % 2 else None,
            )
        )
    rows = Interaction.objects.bulk_create(rows)
    Participation.objects.bulk_create(
        Participation(
            interaction=row,
            member=member,
            occurred_at=row.occurred_at,
            purposes=row.purposes,
            direction=row.direction,
        )
        for row in rows
        for member in members
    )


def _queries(workspace: Any, **kwargs: Any) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        health = team_health(workspace, today=TODAY, series=True, **kwargs)
        # Reading every figure must not query either.
        read = [
            (h.status, h.days_quiet, h.positive_share, h.unthanked_victory) for h in health.members
        ]
        read.append(health.losing_touch)
    return [q["sql"] for q in captured.captured_queries]


def test_team_health_runs_the_same_queries_for_a_small_and_a_large_team(
    workspace: Any, alice: Any
) -> None:
    first = make_member(workspace, "Member 00")
    _bulk_log(workspace, alice, [first], 5, offset=0)
    small = _queries(workspace)
    small_one = _queries(workspace, member=first)
    team = [first] + [make_member(workspace, f"Member {i:02}") for i in range(1, 30)]
    _bulk_log(workspace, alice, team, 195, offset=5)
    health = team_health(workspace, today=TODAY, series=True)
    assert len(health.members) == 30
    assert sum(r.contacts for r in health.series) > 5  # the data really grew
    large = _queries(workspace)
    assert len(small) == len(large), "\n".join(large)
    assert len(small_one) == len(_queries(workspace, member=first))
