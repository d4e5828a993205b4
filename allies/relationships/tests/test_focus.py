"""The weekly focus: which rule fires, in what order, and when the action counts as done.

Choosing a focus takes an explicit `today` (FIXED, a Wednesday), so those tests log
entries at fixed 2025 times. Marking a focus done follows the log's signals, which look
at the real current week: those tests log entries relative to the real clock.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from allies.log.models import Interaction, InteractionRevision, Purpose
from allies.log.services import follow_up_close, interaction_withdraw
from allies.relationships import focus as focus_module
from allies.relationships.focus import (
    accept,
    another,
    candidates,
    current_focus,
    describe,
    mark_done,
    streak,
    week_of,
)
from allies.relationships.health import team_health
from allies.relationships.models import Rule, WeeklyFocus
from allies.team.models import TeamMember
from tests.support import make_entry, make_member, make_student, make_workspace

FIXED = datetime.date(2025, 6, 18)  # a Wednesday
MONDAY = datetime.date(2025, 6, 16)  # its ISO week

APPRECIATION = int(Purpose.APPRECIATION)
VICTORY = int(Purpose.VICTORY)
CONCERN = int(Purpose.CONCERN)
QUESTION = int(Purpose.QUESTION)
CHECK_IN = int(Purpose.CHECK_IN)
REQUEST = int(Purpose.REQUEST)
MEETING = int(Purpose.MEETING)

DAY = datetime.timedelta(days=1)


def at(day: datetime.date, hour: int = 12, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def days_before(days: int, hour: int = 12) -> datetime.datetime:
    """A time `days` before FIXED."""
    return at(FIXED - days * DAY, hour)


def log(workspace: Any, author: Any, members: list[Any], when: datetime.datetime, **fields: Any):
    return make_entry(workspace, author, members, occurred_at=when, **fields)


def found(workspace: Any, today: datetime.date = FIXED) -> list[Any]:
    return candidates(workspace, today, team_health(workspace, today=today))


def rules(workspace: Any, today: datetime.date = FIXED) -> list[str]:
    """The rules that fire, each once, in the order the candidates come."""
    seen: list[str] = []
    for candidate in found(workspace, today):
        if candidate.rule not in seen:
            seen.append(candidate.rule)
    return seen


def of_rule(workspace: Any, rule: str, today: datetime.date = FIXED) -> list[Any]:
    return [c for c in found(workspace, today) if c.rule == rule]


def case_manager(workspace: Any, name: str = "Ms. Cruz") -> Any:
    return make_member(workspace, name, role=TeamMember.Role.CASE_MANAGER)


# --- Each rule: fires, and does not --------------------------------------------------------


def test_a_past_due_follow_up_fires_first(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee")
    entry = log(workspace, alice, [lee], days_before(5), follow_up_due=FIXED - DAY)
    first = found(workspace)[0]
    assert first.rule == Rule.FOLLOW_UP
    assert first.key == f"follow_up:{entry.pk}"
    assert (first.member, first.entry) == (lee, entry)
    assert first.facts == {"due": "2025-06-17"}


@pytest.mark.parametrize("case", ["due today", "due next week", "closed", "withdrawn"])
def test_a_follow_up_not_past_due_or_closed_does_not_fire(
    workspace: Any, alice: Any, case: str
) -> None:
    lee = make_member(workspace, "Ms. Lee")
    due = FIXED + 7 * DAY if case == "due next week" else FIXED if case == "due today" else None
    entry = log(workspace, alice, [lee], days_before(5), follow_up_due=due or FIXED - 3 * DAY)
    if case == "closed":
        follow_up_close(interaction=entry, author=alice, done_on=FIXED - DAY)
    if case == "withdrawn":
        interaction_withdraw(interaction=entry, author=alice, reason="Duplicate.")
    assert Rule.FOLLOW_UP not in rules(workspace)


@pytest.mark.parametrize(
    ("field", "kind", "offset"),
    [
        ("annual_review_due", "annual", 0),  # today
        ("annual_review_due", "annual", 45),  # the last day of the notice
        ("reevaluation_due", "reevaluation", 1),
        ("reevaluation_due", "reevaluation", 45),
    ],
)
def test_an_iep_date_within_45_days_fires(
    workspace: Any, field: str, kind: str, offset: int
) -> None:
    cruz = case_manager(workspace)
    make_member(workspace, "Ms. Lee")  # not a case manager: not the one to ask
    sam = make_student(workspace, "Sam T.", **{field: FIXED + offset * DAY})
    first = found(workspace)[0]
    assert first.rule == Rule.IEP_DATE
    assert first.key == f"iep_date:{kind}:{sam.pk}"
    assert (first.member, first.student) == (cruz, sam)
    assert first.facts == {"kind": kind, "date": (FIXED + offset * DAY).isoformat()}


@pytest.mark.parametrize("offset", [46, 100, -1, -30])
def test_an_iep_date_46_days_ahead_or_past_does_not_fire(workspace: Any, offset: int) -> None:
    case_manager(workspace)
    make_student(
        workspace,
        "Sam T.",
        annual_review_due=FIXED + offset * DAY,
        reevaluation_due=FIXED + offset * DAY,
    )
    make_student(workspace, "No dates")
    assert Rule.IEP_DATE not in rules(workspace)


def test_an_iep_date_without_a_case_manager_names_no_one(workspace: Any) -> None:
    sam = make_student(workspace, "Sam T.", annual_review_due=FIXED + 10 * DAY)
    focus = current_focus(workspace, today=FIXED)
    assert focus is not None
    assert (focus.rule, focus.student, focus.member) == (Rule.IEP_DATE, sam, None)


def test_a_check_in_at_the_cadence_fires(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee", cadence_days=14)
    log(workspace, alice, [lee], days_before(14, hour=23))
    first = found(workspace)[0]
    assert (first.rule, first.key, first.member) == (Rule.CHECK_IN, f"check_in:{lee.pk}", lee)
    assert first.facts == {"last": "2025-06-04", "cadence": 14}


def test_a_check_in_after_the_cadence_fires_even_if_never_contacted(workspace: Any) -> None:
    lee = make_member(workspace, "Ms. Lee", cadence_days=14)
    TeamMember.objects.filter(pk=lee.pk).update(created_at=days_before(30))
    first = found(workspace)[0]
    assert (first.rule, first.member) == (Rule.CHECK_IN, lee)
    assert first.facts == {"last": None, "cadence": 14}


def test_a_check_in_before_the_cadence_does_not_fire(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee", cadence_days=14)
    log(workspace, alice, [lee], days_before(13, hour=0))
    assert Rule.CHECK_IN not in rules(workspace)


def test_an_unthanked_victory_fires(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee")
    log(workspace, alice, [lee], days_before(10), purposes=VICTORY)
    first = found(workspace)[0]
    assert (first.rule, first.key, first.member) == (Rule.THANKS, f"thanks:{lee.pk}", lee)
    assert first.facts == {"victory": "2025-06-08"}


@pytest.mark.parametrize(
    ("thanks_days_before", "direction", "fires"),
    [
        (5, "sent", False),  # thanked after the victory
        (5, "both", False),  # a conversation in which we thanked them
        (10, "sent", False),  # thanked in the same hour as the victory
        (5, "received", True),  # they thanked us: not a thank-you from us
        (12, "sent", True),  # thanked before the victory, not for it
    ],
)
def test_a_victory_thanked_after_it_does_not_fire(
    workspace: Any, alice: Any, thanks_days_before: int, direction: str, fires: bool
) -> None:
    lee = make_member(workspace, "Ms. Lee")
    log(workspace, alice, [lee], days_before(10), purposes=VICTORY)
    log(
        workspace,
        alice,
        [lee],
        days_before(thanks_days_before),
        purposes=APPRECIATION,
        direction=direction,
    )
    assert (Rule.THANKS in rules(workspace)) is fires


def test_a_victory_and_thanks_in_one_entry_or_older_than_90_days_does_not_fire(
    workspace: Any, alice: Any
) -> None:
    lee = make_member(workspace, "Ms. Lee")
    park = make_member(workspace, "Mr. Park")
    log(workspace, alice, [lee], days_before(3), purposes=VICTORY | APPRECIATION)
    log(workspace, alice, [park], days_before(90), purposes=VICTORY)  # outside the window
    log(workspace, alice, [park], days_before(1), purposes=CHECK_IN)
    assert Rule.THANKS not in rules(workspace)


def test_concerns_outweighing_victories_fire(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee")
    log(workspace, alice, [lee], days_before(3), purposes=CONCERN)
    log(workspace, alice, [lee], days_before(2), purposes=CONCERN | QUESTION)
    log(workspace, alice, [lee], days_before(1), purposes=VICTORY | APPRECIATION)
    first = found(workspace)[0]
    assert (first.rule, first.key, first.member) == (Rule.CONCERNS, f"concerns:{lee.pk}", lee)
    assert first.facts == {"concerns": 2, "victories": 1}


def test_concerns_equal_to_victories_do_not_fire(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee")
    log(workspace, alice, [lee], days_before(3), purposes=CONCERN)
    log(workspace, alice, [lee], days_before(3), purposes=CONCERN)
    log(workspace, alice, [lee], days_before(2), purposes=VICTORY | APPRECIATION)
    log(workspace, alice, [lee], days_before(1), purposes=VICTORY | CONCERN | APPRECIATION)
    # concerns 3, victories 2 ... plus one more victory makes them equal.
    assert Rule.CONCERNS in rules(workspace)
    log(workspace, alice, [lee], days_before(1), purposes=VICTORY | APPRECIATION)
    assert Rule.CONCERNS not in rules(workspace)


def test_appreciation_is_the_fallback_least_recently_thanked_first(
    workspace: Any, alice: Any
) -> None:
    recent = make_member(workspace, "Recent")
    long_ago = make_member(workspace, "Long ago", cadence_days=60)
    never_b = make_member(workspace, "Never B")
    never_a = make_member(workspace, "Never A")
    log(workspace, alice, [recent], days_before(3), purposes=APPRECIATION)
    log(workspace, alice, [long_ago], days_before(30), purposes=APPRECIATION)
    assert rules(workspace) == [Rule.APPRECIATE]
    appreciate = of_rule(workspace, Rule.APPRECIATE)
    assert [c.member for c in appreciate] == [never_a, never_b, long_ago, recent]
    assert [c.facts for c in appreciate] == [
        {"thanked": None},
        {"thanked": None},
        {"thanked": "2025-05-19"},
        {"thanked": "2025-06-15"},
    ]


def test_no_candidates_means_no_focus(workspace: Any) -> None:
    make_student(workspace, "Sam T.")  # no dates
    make_member(workspace, "Gone", active=False)
    assert found(workspace) == []
    assert current_focus(workspace, today=FIXED) is None
    assert not WeeklyFocus.objects.exists()


# --- Priority and tie-breaks -----------------------------------------------------------


def test_the_rules_are_tried_in_a_fixed_order(workspace: Any, alice: Any) -> None:
    fay = make_member(workspace, "Fay")
    cruz = case_manager(workspace, "Cruz")
    chet = make_member(workspace, "Chet", cadence_days=7)
    tess = make_member(workspace, "Tess")
    connie = make_member(workspace, "Connie")
    follow_up = log(workspace, alice, [fay], days_before(2), follow_up_due=FIXED - DAY)
    sam = make_student(workspace, "Sam T.", annual_review_due=FIXED + 10 * DAY)
    log(workspace, alice, [chet], days_before(10))
    log(workspace, alice, [tess], days_before(3), purposes=VICTORY)
    log(workspace, alice, [connie], days_before(2), purposes=CONCERN)
    log(workspace, alice, [connie], days_before(1), purposes=CONCERN)
    assert rules(workspace) == [
        Rule.FOLLOW_UP,
        Rule.IEP_DATE,
        Rule.CHECK_IN,
        Rule.THANKS,
        Rule.CONCERNS,
        Rule.APPRECIATE,
    ]
    # The model's order is the order tried (the meetings' rules: test_focus_meetings.py).
    assert [rule for rule in Rule if rule in rules(workspace)] == rules(workspace)
    assert (found(workspace)[0].rule, found(workspace)[0].member) == (Rule.FOLLOW_UP, fay)

    # Take the reasons away one by one: the next rule in the order wins each time.
    follow_up_close(interaction=follow_up, author=alice, done_on=FIXED)
    assert (found(workspace)[0].rule, found(workspace)[0].member) == (Rule.IEP_DATE, cruz)
    sam.annual_review_due = None
    sam.save()
    assert (found(workspace)[0].rule, found(workspace)[0].member) == (Rule.CHECK_IN, chet)
    log(workspace, alice, [chet], days_before(1))
    assert (found(workspace)[0].rule, found(workspace)[0].member) == (Rule.THANKS, tess)
    log(workspace, alice, [tess], days_before(1), purposes=APPRECIATION)
    assert (found(workspace)[0].rule, found(workspace)[0].member) == (Rule.CONCERNS, connie)
    log(workspace, alice, [connie], days_before(0), purposes=VICTORY | APPRECIATION)
    log(workspace, alice, [connie], days_before(0), purposes=VICTORY | APPRECIATION)
    assert rules(workspace) == [Rule.APPRECIATE]


def test_the_same_data_gives_the_same_focus(workspace: Any, alice: Any) -> None:
    team = [make_member(workspace, name) for name in ("Cy", "Ann", "Bo", "Ann")]
    log(workspace, alice, team, days_before(20), purposes=VICTORY | CONCERN)
    first = [(c.rule, c.key, c.facts) for c in found(workspace)]
    assert first == [(c.rule, c.key, c.facts) for c in found(workspace)]
    focus = current_focus(workspace, today=FIXED)
    assert focus is not None
    assert (focus.rule, focus.key) == first[0][:2]


def test_equal_figures_are_ordered_by_name_then_id(workspace: Any, alice: Any) -> None:
    # Created out of name order, so the order seen is not just the order of creation.
    zed = make_member(workspace, "Zed", cadence_days=14)
    sam_1 = make_member(workspace, "Sam", cadence_days=14)
    abe = make_member(workspace, "Abe", cadence_days=14)
    sam_2 = make_member(workspace, "Sam", cadence_days=14)
    team = [zed, sam_1, abe, sam_2]
    # One entry with all four: same last contact, same victory, same concerns.
    log(workspace, alice, team, days_before(20), purposes=VICTORY | CONCERN)
    log(workspace, alice, team, days_before(20), purposes=CONCERN)
    expected = [abe, sam_1, sam_2, zed]
    for rule in (Rule.CHECK_IN, Rule.THANKS, Rule.CONCERNS, Rule.APPRECIATE):
        assert [c.member for c in of_rule(workspace, rule)] == expected, rule


def test_within_a_rule_the_figures_come_before_the_name(workspace: Any, alice: Any) -> None:
    abe = make_member(workspace, "Abe", cadence_days=30)
    zed = make_member(workspace, "Zed", cadence_days=7)
    log(workspace, alice, [abe], days_before(45), purposes=VICTORY)  # 1.5 x cadence
    log(workspace, alice, [zed], days_before(14), purposes=VICTORY)  # 2.0 x cadence
    # Check-ins: the longest silence against the cadence first.
    assert [c.member for c in of_rule(workspace, Rule.CHECK_IN)] == [zed, abe]
    # Thanks: the oldest victory first.
    assert [c.member for c in of_rule(workspace, Rule.THANKS)] == [abe, zed]
    # Concerns: the largest excess of concerns first.
    for _i in range(3):
        log(workspace, alice, [zed], days_before(1), purposes=CONCERN)
    log(workspace, alice, [abe], days_before(1), purposes=CONCERN)
    log(workspace, alice, [abe], days_before(1), purposes=CONCERN)
    assert [c.member for c in of_rule(workspace, Rule.CONCERNS)] == [zed, abe]


def test_follow_ups_oldest_due_first_then_id_each_with_its_first_person_by_name(
    workspace: Any, alice: Any
) -> None:
    zed = make_member(workspace, "Zed")
    abe = make_member(workspace, "Abe")
    same_due_1 = log(workspace, alice, [zed], days_before(3), follow_up_due=FIXED - DAY)
    same_due_2 = log(workspace, alice, [zed, abe], days_before(3), follow_up_due=FIXED - DAY)
    oldest = log(workspace, alice, [zed], days_before(3), follow_up_due=FIXED - 5 * DAY)
    follow_ups = of_rule(workspace, Rule.FOLLOW_UP)
    assert [c.entry for c in follow_ups] == [oldest, same_due_1, same_due_2]
    assert [c.member for c in follow_ups] == [zed, zed, abe]


def test_iep_dates_soonest_first_annual_before_reevaluation_then_student_name(
    workspace: Any,
) -> None:
    case_manager(workspace)
    day = FIXED + 20 * DAY
    bea = make_student(workspace, "Bea", reevaluation_due=day, annual_review_due=day)
    ari = make_student(workspace, "Ari", reevaluation_due=day)
    cal = make_student(workspace, "Cal", annual_review_due=FIXED + 19 * DAY)
    keys = [c.key for c in of_rule(workspace, Rule.IEP_DATE)]
    assert keys == [
        f"iep_date:annual:{cal.pk}",
        f"iep_date:annual:{bea.pk}",
        f"iep_date:reevaluation:{ari.pk}",
        f"iep_date:reevaluation:{bea.pk}",
    ]


# --- One focus a week --------------------------------------------------------------------


def test_the_focus_is_chosen_once_a_week_and_kept(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee")
    focus = current_focus(workspace, today=FIXED)
    assert focus is not None
    assert (focus.week, focus.rule, focus.member) == (MONDAY, Rule.APPRECIATE, lee)
    assert focus.state == WeeklyFocus.State.SUGGESTED
    # Something more pressing comes up on Friday: the week's focus stays as it was.
    log(workspace, alice, [lee], days_before(5), follow_up_due=FIXED)
    for day in (MONDAY, FIXED + 2 * DAY, MONDAY + 6 * DAY):  # Monday to Sunday
        again = current_focus(workspace, today=day)
        assert again is not None
        assert (again.pk, again.rule) == (focus.pk, Rule.APPRECIATE)
    # The next Monday is a new week, with a new choice.
    next_week = current_focus(workspace, today=MONDAY + 7 * DAY)
    assert next_week is not None
    assert next_week.pk != focus.pk
    assert (next_week.week, next_week.rule) == (MONDAY + 7 * DAY, Rule.FOLLOW_UP)
    assert WeeklyFocus.objects.filter(workspace=workspace).count() == 2


def test_each_workspace_has_its_own_focus(workspace: Any, alice: Any) -> None:
    make_member(workspace, "Ms. Lee")
    other = make_workspace(alice, name="Another family")
    make_member(other, "Mr. Park")
    mine, theirs = current_focus(workspace, today=FIXED), current_focus(other, today=FIXED)
    assert mine is not None and theirs is not None
    assert mine.pk != theirs.pk
    assert (mine.member.name, theirs.member.name) == ("Ms. Lee", "Mr. Park")


def test_a_focus_chosen_meanwhile_by_someone_else_stands(
    workspace: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_member(workspace, "Ms. Lee")
    real = focus_module.candidates

    def racing(*args: Any) -> Any:
        result = real(*args)
        WeeklyFocus.objects.create(workspace=workspace, week=MONDAY, rule=Rule.CHECK_IN, key="x")
        return result

    monkeypatch.setattr(focus_module, "candidates", racing)
    focus = current_focus(workspace, today=FIXED)
    assert focus is not None
    assert (focus.rule, focus.key) == (Rule.CHECK_IN, "x")
    assert WeeklyFocus.objects.filter(workspace=workspace).count() == 1


def test_week_of_is_the_iso_monday() -> None:
    assert [week_of(MONDAY + n * DAY) for n in range(7)] == [MONDAY] * 7
    assert week_of(MONDAY + 7 * DAY) == MONDAY + 7 * DAY
    assert week_of(datetime.date(2025, 1, 1)) == datetime.date(2024, 12, 30)


# --- Another, accept, done -----------------------------------------------------------------


@pytest.fixture
def three(workspace: Any) -> list[Any]:
    """Three members and nothing logged: three appreciation candidates, Ann, Bob, Cal."""
    return [make_member(workspace, name) for name in ("Cal", "Ann", "Bob")]


def _names_after_another(focus: Any, times: int) -> list[str]:
    names = []
    for _i in range(times):
        assert another(focus, today=FIXED)
        focus.refresh_from_db()
        names.append(focus.member.name)
    return names


def test_another_moves_to_the_next_candidate_and_back_to_the_top(
    workspace: Any, three: list[Any]
) -> None:
    focus = current_focus(workspace, today=FIXED)
    assert focus is not None
    assert focus.member.name == "Ann"
    assert _names_after_another(focus, 3) == ["Bob", "Cal", "Ann"]
    assert focus.week == MONDAY
    assert WeeklyFocus.objects.count() == 1


def test_another_cycles_through_every_candidate_in_every_round(
    workspace: Any, three: list[Any]
) -> None:
    focus = current_focus(workspace, today=FIXED)
    assert focus is not None
    assert _names_after_another(focus, 6) == ["Bob", "Cal", "Ann", "Bob", "Cal", "Ann"]


def test_another_with_two_candidates_alternates(workspace: Any) -> None:
    make_member(workspace, "Ann")
    make_member(workspace, "Bob")
    focus = current_focus(workspace, today=FIXED)
    assert focus is not None
    assert _names_after_another(focus, 4) == ["Bob", "Ann", "Bob", "Ann"]


def test_another_returns_false_when_there_is_only_one_suggestion(workspace: Any) -> None:
    make_member(workspace, "Ann")
    focus = current_focus(workspace, today=FIXED)
    assert focus is not None
    key = focus.key
    assert another(focus, today=FIXED) is False
    focus.refresh_from_db()
    assert (focus.key, focus.skipped) == (key, [])


def test_another_replaces_an_accepted_suggestion_with_a_fresh_one(
    workspace: Any, three: list[Any]
) -> None:
    focus = current_focus(workspace, today=FIXED)
    assert focus is not None
    accept(focus)
    assert another(focus, today=FIXED)
    focus.refresh_from_db()
    assert (focus.state, focus.accepted_at) == (WeeklyFocus.State.SUGGESTED, None)
    assert focus.rule == Rule.APPRECIATE
    assert focus.skipped == [f"appreciate:{three[1].pk}"]  # Ann's


def test_accept_records_when_and_only_once(workspace: Any, alice: Any) -> None:
    make_member(workspace, "Ann")
    focus = current_focus(workspace, today=FIXED)
    assert focus is not None
    before = timezone.now()
    accept(focus)
    focus.refresh_from_db()
    assert focus.state == WeeklyFocus.State.ACCEPTED
    assert focus.accepted_at is not None and focus.accepted_at >= before
    first = focus.accepted_at
    accept(focus)
    focus.refresh_from_db()
    assert focus.accepted_at == first
    mark_done(focus, user=alice)
    accept(focus)  # a done focus stays done
    focus.refresh_from_db()
    assert focus.state == WeeklyFocus.State.DONE
    assert focus.done_by == alice


def test_mark_done_is_kept_the_first_time(workspace: Any, alice: Any, erin: Any) -> None:
    make_member(workspace, "Ann")
    focus = current_focus(workspace, today=FIXED)
    assert focus is not None
    mark_done(focus, user=alice)
    focus.refresh_from_db()
    done_at = focus.done_at
    mark_done(focus, user=erin)
    focus.refresh_from_db()
    assert (focus.state, focus.done_by, focus.done_at) == (WeeklyFocus.State.DONE, alice, done_at)


# --- Done when the log says so (real clock: the signals look at this week) ----------------


def this_week() -> datetime.date:
    return week_of(timezone.localdate())


def monday_start() -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(this_week(), datetime.time.min))


def focus_now(workspace: Any, rule: str, **fields: Any) -> WeeklyFocus:
    return WeeklyFocus.objects.create(
        workspace=workspace, week=this_week(), rule=rule, key=f"{rule}:test", **fields
    )


def is_done(focus: WeeklyFocus) -> bool:
    focus.refresh_from_db()
    return focus.is_done


@pytest.fixture
def lee(workspace: Any) -> Any:
    return make_member(workspace, "Ms. Lee")


@pytest.fixture
def park(workspace: Any) -> Any:
    return make_member(workspace, "Mr. Park")


def test_a_check_in_focus_is_done_by_any_entry_with_that_member(
    workspace: Any, alice: Any, lee: Any, park: Any
) -> None:
    focus = focus_now(workspace, Rule.CHECK_IN, member=lee)
    make_entry(workspace, alice, [park], occurred_at=timezone.now())  # someone else
    assert not is_done(focus)
    make_entry(workspace, alice, [lee], occurred_at=monday_start() - datetime.timedelta(minutes=1))
    assert not is_done(focus)  # about last week
    entry = make_entry(
        workspace,
        alice,
        [park, lee],
        occurred_at=monday_start(),  # the first moment of this week counts
        direction="received",
        purposes=QUESTION,
    )
    assert is_done(focus)
    assert (focus.done_with, focus.done_by) == (entry, alice)
    assert focus.done_at is not None


def test_a_check_in_focus_chosen_by_current_focus_is_done_by_logging(
    workspace: Any, alice: Any
) -> None:
    lee = make_member(workspace, "Ms. Lee", cadence_days=7)
    make_entry(workspace, alice, [lee], occurred_at=timezone.now() - 10 * DAY)
    focus = current_focus(workspace)
    assert focus is not None
    assert (focus.rule, focus.member, focus.week) == (Rule.CHECK_IN, lee, this_week())
    entry = make_entry(workspace, alice, [lee], occurred_at=timezone.now())
    assert is_done(focus)
    assert focus.done_with == entry
    # A later entry does not take the credit.
    make_entry(workspace, alice, [lee], occurred_at=timezone.now())
    focus.refresh_from_db()
    assert focus.done_with == entry


@pytest.mark.parametrize(
    ("purposes", "direction", "done"),
    [
        (APPRECIATION, "sent", True),
        (APPRECIATION | QUESTION, "both", True),
        (VICTORY, "sent", False),  # a victory is not a thank-you
        (APPRECIATION, "received", False),  # their thanks to us
        (CHECK_IN, "sent", False),
    ],
)
def test_a_thanks_focus_is_done_by_a_thank_you_to_that_member(
    workspace: Any, alice: Any, lee: Any, purposes: int, direction: str, done: bool
) -> None:
    focus = focus_now(workspace, Rule.THANKS, member=lee)
    make_entry(
        workspace,
        alice,
        [lee],
        occurred_at=timezone.now(),
        purposes=purposes,
        direction=direction,
    )
    assert is_done(focus) is done


def test_a_thanks_focus_is_not_done_by_a_thank_you_to_someone_else_or_last_week(
    workspace: Any, alice: Any, lee: Any, park: Any
) -> None:
    focus = focus_now(workspace, Rule.THANKS, member=lee)
    make_entry(workspace, alice, [park], occurred_at=timezone.now(), purposes=APPRECIATION)
    make_entry(
        workspace,
        alice,
        [lee],
        occurred_at=monday_start() - datetime.timedelta(seconds=1),
        purposes=APPRECIATION,
    )
    assert not is_done(focus)


def test_an_appreciate_focus_is_done_by_a_thank_you(workspace: Any, alice: Any, lee: Any) -> None:
    focus = focus_now(workspace, Rule.APPRECIATE, member=lee)
    make_entry(workspace, alice, [lee], occurred_at=timezone.now(), purposes=VICTORY)
    assert not is_done(focus)
    make_entry(workspace, alice, [lee], occurred_at=timezone.now(), purposes=APPRECIATION)
    assert is_done(focus)


def test_a_concerns_focus_is_done_by_a_victory_shared_with_them(
    workspace: Any, alice: Any, lee: Any, park: Any
) -> None:
    focus = focus_now(workspace, Rule.CONCERNS, member=lee)
    make_entry(workspace, alice, [lee], occurred_at=timezone.now(), purposes=CONCERN)
    make_entry(workspace, alice, [park], occurred_at=timezone.now(), purposes=VICTORY)
    # The rule weighs concerns against victories, so a thank-you does not settle it.
    make_entry(workspace, alice, [lee], occurred_at=timezone.now(), purposes=APPRECIATION)
    assert not is_done(focus)
    make_entry(workspace, alice, [lee], occurred_at=timezone.now(), purposes=VICTORY)
    assert is_done(focus)


@pytest.mark.parametrize(
    ("purposes", "which", "done"),
    [
        (MEETING, "same", True),
        (REQUEST, "same", True),
        (REQUEST | QUESTION, "none", True),
        (MEETING, "other", False),  # about another student
        (CHECK_IN, "same", False),  # not a planning entry
    ],
)
def test_an_iep_focus_is_done_by_a_meeting_or_request_about_that_student_or_none(
    workspace: Any, alice: Any, lee: Any, purposes: int, which: str, done: bool
) -> None:
    sam = make_student(workspace, "Sam T.")
    other = make_student(workspace, "Other")
    focus = focus_now(workspace, Rule.IEP_DATE, student=sam, member=lee)
    student = {"same": sam, "none": None, "other": other}[which]
    make_entry(
        workspace, alice, [lee], occurred_at=timezone.now(), purposes=purposes, student=student
    )
    assert is_done(focus) is done


def test_an_iep_focus_is_not_done_by_a_meeting_last_week(
    workspace: Any, alice: Any, lee: Any
) -> None:
    sam = make_student(workspace, "Sam T.")
    focus = focus_now(workspace, Rule.IEP_DATE, student=sam)
    make_entry(
        workspace,
        alice,
        [lee],
        occurred_at=monday_start() - datetime.timedelta(hours=1),
        purposes=MEETING,
        student=sam,
    )
    assert not is_done(focus)


def test_last_weeks_focus_is_not_done_by_this_weeks_entry(
    workspace: Any, alice: Any, lee: Any
) -> None:
    old = WeeklyFocus.objects.create(
        workspace=workspace,
        week=this_week() - 7 * DAY,
        rule=Rule.CHECK_IN,
        key="check_in:old",
        member=lee,
    )
    make_entry(workspace, alice, [lee], occurred_at=timezone.now())
    assert not is_done(old)


@pytest.fixture
def overdue(workspace: Any, alice: Any, lee: Any) -> Interaction:
    """An entry with a follow-up two days past due, and the focus it makes this week."""
    return make_entry(
        workspace,
        alice,
        [lee],
        occurred_at=timezone.now() - 5 * DAY,
        follow_up_due=timezone.localdate() - 2 * DAY,
        summary="Asked for the reading log.",
    )


def test_a_follow_up_focus_is_done_by_an_entry_that_closes_it(
    workspace: Any, alice: Any, lee: Any, overdue: Interaction
) -> None:
    focus = current_focus(workspace)
    assert focus is not None
    assert (focus.rule, focus.entry, focus.member) == (Rule.FOLLOW_UP, overdue, lee)
    # An entry with the same person that does not close the follow-up: not done.
    make_entry(workspace, alice, [lee], occurred_at=timezone.now())
    assert not is_done(focus)
    answer = make_entry(workspace, alice, [lee], occurred_at=timezone.now(), closes=overdue)
    assert is_done(focus)
    assert (focus.done_with, focus.done_by) == (answer, alice)
    overdue.refresh_from_db()
    assert overdue.follow_up_done == timezone.localtime(answer.occurred_at).date()


def test_a_follow_up_focus_is_done_when_the_follow_up_is_closed(
    workspace: Any, alice: Any, lee: Any, overdue: Interaction
) -> None:
    focus = current_focus(workspace)
    assert focus is not None and focus.rule == Rule.FOLLOW_UP
    today = timezone.localdate()
    follow_up_close(interaction=overdue, author=alice, done_on=today)
    assert is_done(focus)
    assert (focus.done_with, focus.done_by) == (None, alice)
    overdue.refresh_from_db()
    assert (overdue.follow_up_done, overdue.revision_count) == (today, 2)
    last = overdue.revisions.order_by("-number").first()
    assert last is not None
    assert (last.number, last.kind) == (2, InteractionRevision.Kind.EDITED)
    assert last.data["follow_up_done"] == today.isoformat()


def test_closing_another_follow_up_does_not_do_the_focus(
    workspace: Any, alice: Any, lee: Any, overdue: Interaction
) -> None:
    focus = current_focus(workspace)
    assert focus is not None and focus.entry == overdue
    later = make_entry(
        workspace,
        alice,
        [lee],
        occurred_at=timezone.now() - 4 * DAY,
        follow_up_due=timezone.localdate() - DAY,
    )
    follow_up_close(interaction=later, author=alice, done_on=timezone.localdate())
    assert not is_done(focus)


# --- Streak --------------------------------------------------------------------------------


def _weeks(workspace: Any, states: dict[int, str]) -> None:
    """A focus for each week `n` weeks before MONDAY, in the given state."""
    for n, state in states.items():
        WeeklyFocus.objects.create(
            workspace=workspace,
            week=MONDAY - n * 7 * DAY,
            rule=Rule.APPRECIATE,
            key=f"appreciate:{n}",
            state=state,
        )


DONE, SUGGESTED, ACCEPTED = "done", "suggested", "accepted"


@pytest.mark.parametrize(
    ("states", "expected"),
    [
        ({}, 0),
        ({0: DONE}, 1),
        ({0: DONE, 1: DONE, 2: DONE}, 3),
        ({0: SUGGESTED, 1: DONE, 2: DONE}, 2),  # this week still open: count up to last
        ({1: DONE, 2: DONE, 3: DONE}, 3),  # nobody looked this week yet
        ({0: DONE, 1: SUGGESTED, 2: DONE, 3: DONE}, 1),  # last week not done
        ({0: DONE, 2: DONE, 3: DONE}, 1),  # no focus at all last week: a gap
        ({0: ACCEPTED, 1: ACCEPTED, 2: DONE}, 0),
        ({2: DONE, 3: DONE}, 0),  # last done two weeks ago
        ({-1: DONE, 0: DONE}, 1),  # a later week does not count
    ],
)
def test_streak_counts_consecutive_done_weeks(
    workspace: Any, states: dict[int, str], expected: int
) -> None:
    _weeks(workspace, states)
    assert streak(workspace, today=FIXED) == expected
    assert streak(workspace, today=MONDAY + 6 * DAY) == expected  # any day of the week


def test_streak_counts_only_this_workspaces_weeks(workspace: Any, alice: Any) -> None:
    other = make_workspace(alice, name="Another family")
    _weeks(other, {0: DONE, 1: DONE})
    _weeks(workspace, {1: DONE})
    assert streak(workspace, today=FIXED) == 1
    assert streak(other, today=FIXED) == 2


# --- Describe ------------------------------------------------------------------------------


def test_describe_a_follow_up(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee")
    entry = log(
        workspace,
        alice,
        [lee],
        days_before(10),
        follow_up_due=FIXED - 3 * DAY,
        summary="Asked for the reading log.",
    )
    focus = current_focus(workspace, today=FIXED)
    assert focus is not None
    text = describe(focus, today=FIXED)
    assert text.title == "Follow up with Ms. Lee"
    assert text.reason == (
        "You planned to follow up by 15 June 2025, 3 days ago, on: “Asked for the reading log.”"
    )
    assert text.action == "Log the follow-up"
    # The form starts with the follow-up's own people, however many.
    assert text.url == f"/log/new/?follows={entry.pk}"
    # Read a day later, the count moves; one day is singular.
    assert "4 days ago" in describe(focus, today=FIXED + DAY).reason
    assert "1 day ago" in describe(focus, today=FIXED - 2 * DAY).reason


def test_describe_truncates_a_long_follow_up_summary(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee")
    log(workspace, alice, [lee], days_before(10), follow_up_due=FIXED - DAY, summary="x" * 200)
    focus = current_focus(workspace, today=FIXED)
    assert focus is not None
    reason = describe(focus, today=FIXED).reason
    assert "x" * 89 + "…”" in reason
    assert "x" * 90 not in reason


def test_describe_an_iep_date(workspace: Any) -> None:
    cruz = case_manager(workspace)
    sam = make_student(workspace, "Sam T.", annual_review_due=FIXED + 45 * DAY)
    focus = current_focus(workspace, today=FIXED)
    assert focus is not None
    text = describe(focus, today=FIXED)
    assert text.title == "Prepare for Sam T.'s annual review"
    assert text.reason == (
        "It is due on 2 August 2025, in 45 days. A short planning conversation with "
        "Ms. Cruz now makes the meeting calmer for everyone."
    )
    assert text.action == "Ask for a planning conversation"
    assert text.url == f"/log/new/?member={cruz.pk}&purpose=64&purpose=128&student={sam.pk}"
    assert "in 1 day." in describe(focus, today=FIXED + 44 * DAY).reason


def test_describe_a_reevaluation_without_a_case_manager(workspace: Any) -> None:
    sam = make_student(workspace, "Sam T.", reevaluation_due=FIXED + 10 * DAY)
    focus = current_focus(workspace, today=FIXED)
    assert focus is not None
    text = describe(focus, today=FIXED)
    assert text.title == "Prepare for Sam T.'s re-evaluation"
    assert "in 10 days" in text.reason
    assert "with the team now" in text.reason
    assert text.url == f"/log/new/?purpose=64&purpose=128&student={sam.pk}"


def test_describe_a_check_in(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee", cadence_days=14)
    log(workspace, alice, [lee], days_before(16))
    focus = current_focus(workspace, today=FIXED)
    assert focus is not None
    text = describe(focus, today=FIXED)
    assert text.title == "Check in with Ms. Lee"
    assert text.reason == "No contact for 16 days; you planned to check in every 14 days."
    assert text.action == "Log a check-in"
    assert text.url == f"/log/new/?member={lee.pk}&purpose=32"


def test_describe_a_check_in_with_someone_never_contacted(workspace: Any) -> None:
    lee = make_member(workspace, "Ms. Lee", cadence_days=14)
    TeamMember.objects.filter(pk=lee.pk).update(created_at=days_before(30))
    focus = current_focus(workspace, today=FIXED)
    assert focus is not None
    assert describe(focus, today=FIXED).reason == (
        "No contact logged yet; you planned to check in every 14 days."
    )


def test_describe_thanks(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee")
    log(workspace, alice, [lee], days_before(10), purposes=VICTORY)
    focus = current_focus(workspace, today=FIXED)
    assert focus is not None
    text = describe(focus, today=FIXED)
    assert text.title == "Thank Ms. Lee"
    assert text.reason == (
        "A victory with Ms. Lee on 8 June 2025 has not been followed by a thank-you yet."
    )
    assert text.url == f"/log/new/?member={lee.pk}&purpose=1"


def test_describe_concerns(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee")
    log(workspace, alice, [lee], days_before(3), purposes=CONCERN)
    log(workspace, alice, [lee], days_before(2), purposes=CONCERN)
    focus = current_focus(workspace, today=FIXED)
    assert focus is not None
    text = describe(focus, today=FIXED)
    assert text.title == "Share something good with Ms. Lee"
    assert text.reason == (
        "In the last 90 days with Ms. Lee: 2 concerns · 0 victories. Sharing a victory, "
        "however small, balances the conversation."
    )
    assert text.url == f"/log/new/?member={lee.pk}&purpose=2"
    focus.facts = {"concerns": 1, "victories": 1}
    assert "1 concern · 1 victory." in describe(focus, today=FIXED).reason


def test_describe_appreciation(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee")
    focus = current_focus(workspace, today=FIXED)
    assert focus is not None
    text = describe(focus, today=FIXED)
    assert text.title == "Thank Ms. Lee"
    assert text.reason == (
        "Nothing else stands out this week. Lead with appreciation: no thank-you to "
        "Ms. Lee in the last 90 days."
    )
    assert text.url == f"/log/new/?member={lee.pk}&purpose=1"
    focus.facts = {"thanked": "2025-06-03"}
    assert describe(focus, today=FIXED).reason == (
        "Nothing else stands out this week. Lead with appreciation: Ms. Lee was last "
        "thanked on 3 June 2025."
    )
