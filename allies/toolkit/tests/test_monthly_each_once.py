"""The monthly update says each thing once (issue 9): an entry goes in the one block that
fits it best (concern, then open question, then victory) with its follow-up on its own
line, and "coming up" lists only the follow-ups of entries not listed in another block.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from allies.core.dates import day_start
from allies.log.models import Purpose
from allies.log.services import follow_up_close
from allies.toolkit.defaults import default_template
from allies.toolkit.drafts import draft_values, fill, monthly_blocks
from tests.support import client_for, make_entry, make_member

VICTORY = int(Purpose.VICTORY)
CONCERN = int(Purpose.CONCERN)
QUESTION = int(Purpose.QUESTION)
CHECK_IN = int(Purpose.CHECK_IN)
DAY = datetime.timedelta(days=1)


def this_month_moment() -> datetime.datetime:
    """A moment in the past that is in the current local month, whatever the time now."""
    start = day_start(timezone.localdate().replace(day=1))
    return max(start, timezone.now() - datetime.timedelta(hours=1))


def short(day: datetime.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


@pytest.fixture
def log(workspace: Any, alice: Any, member: Any) -> Any:
    def entry(purposes: int, summary: str, **extra: Any) -> Any:
        extra.setdefault("occurred_at", this_month_moment())
        return make_entry(workspace, alice, [member], purposes=purposes, summary=summary, **extra)

    return entry


def blocks(workspace: Any, language: str = "en") -> dict[str, str]:
    with translation.override(language):
        return monthly_blocks(workspace, timezone.localdate())


def where(summary: str, found: dict[str, str]) -> list[str]:
    """The blocks that mention `summary`, once for each time they do."""
    return [name for name, text in found.items() for _ in range(text.count(summary))]


def test_an_entry_with_every_purpose_and_a_follow_up_is_listed_once(
    workspace: Any, log: Any
) -> None:
    due = timezone.localdate() + 10 * DAY
    log(
        CONCERN | QUESTION | VICTORY,
        "Reading is better; who decides on the aide?",
        follow_up_due=due,
    )
    found = blocks(workspace)
    assert where("Reading is better; who decides on the aide?", found) == ["concerns"]
    # Its date is on its line, not repeated under coming up.
    assert found["concerns"].endswith(f"(follow-up planned for {short(due)})")
    assert found["coming_dates"] == "- nothing in the next 60 days"
    # The blocks it was not put in say where it went instead of "none".
    assert found["victories"] == (
        "- this month's victories are listed with the concerns or questions"
    )
    assert found["open_questions"] == "- the open questions are listed with the concerns"


def test_the_whole_draft_says_it_once(workspace: Any, alice: Any, log: Any) -> None:
    due = timezone.localdate() + 10 * DAY
    log(CONCERN | QUESTION, "Bus pick-up keeps changing.", follow_up_due=due)
    for language in ("en", "es"):
        values = draft_values(
            workspace=workspace,
            user=alice,
            recipients=[],
            student=None,
            language=language,
            month=timezone.localdate(),
        )
        body = fill(default_template("monthly_update", language)["body"], values)
        assert body.count("Bus pick-up keeps changing.") == 1, language
        with translation.override(language):
            assert body.count(short(due)) == 1, language


@pytest.mark.parametrize(
    ("purposes", "block"),
    [
        (CONCERN | QUESTION, "concerns"),
        (CONCERN | VICTORY, "concerns"),
        (QUESTION | VICTORY, "open_questions"),
        (QUESTION, "open_questions"),
        (VICTORY, "victories"),
        (CONCERN, "concerns"),
    ],
)
def test_each_purpose_goes_where_it_fits_best(
    workspace: Any, log: Any, purposes: int, block: str
) -> None:
    log(purposes, "The one entry.")
    assert where("The one entry.", blocks(workspace)) == [block]


def test_an_answered_question_that_was_a_victory_is_a_victory(
    workspace: Any, alice: Any, log: Any
) -> None:
    entry = log(
        QUESTION | VICTORY, "Joined the chess club; any forms?", follow_up_due=timezone.localdate()
    )
    follow_up_close(interaction=entry, author=alice, done_on=timezone.localdate())
    found = blocks(workspace)
    assert where("Joined the chess club; any forms?", found) == ["victories"]
    assert found["victories"].endswith(f"(followed up {short(timezone.localdate())})")
    assert found["open_questions"] == "- no open questions"


def test_an_open_question_shows_its_follow_up_date(workspace: Any, log: Any) -> None:
    due = timezone.localdate() + 3 * DAY
    log(QUESTION, "Is there a reading log?", follow_up_due=due)
    found = blocks(workspace)
    assert found["open_questions"].endswith(
        f"Is there a reading log? (follow-up planned for {short(due)})"
    )
    assert "Is there a reading log?" not in found["coming_dates"]


def test_coming_up_keeps_the_follow_ups_listed_nowhere_else(workspace: Any, log: Any) -> None:
    today = timezone.localdate()
    log(CHECK_IN, "Said hello; send the new schedule.", follow_up_due=today + 2 * DAY)
    log(
        CONCERN,
        "Last season's worry, still open.",
        occurred_at=day_start(today.replace(day=1)) - 40 * DAY,
        follow_up_due=today + 4 * DAY,
    )
    log(CONCERN, "This month's worry.", follow_up_due=today + 6 * DAY)
    found = blocks(workspace)
    assert found["coming_dates"].splitlines() == [
        f"- {short(today + 2 * DAY)}: follow-up: Said hello; send the new schedule.",
        f"- {short(today + 4 * DAY)}: follow-up: Last season's worry, still open.",
    ]
    assert where("This month's worry.", found) == ["concerns"]


def test_the_counts_of_a_busy_block_leave_out_what_went_elsewhere(workspace: Any, log: Any) -> None:
    for i in range(14):
        log(VICTORY | CONCERN, f"Mixed news {i:02d}.")
    victory = log(VICTORY, "Just a victory.")
    found = blocks(workspace)
    day = timezone.localtime(victory.occurred_at).date()
    assert found["victories"] == f"- {short(day)}: Just a victory."
    assert found["concerns"].endswith("- and 2 more in the log")


def test_the_empty_blocks_that_point_elsewhere_are_in_spanish_too(workspace: Any, log: Any) -> None:
    log(CONCERN | QUESTION | VICTORY, "Todo a la vez.")
    english, spanish = blocks(workspace), blocks(workspace, "es")
    for name in ("victories", "open_questions"):
        assert spanish[name] != english[name]
        assert "Todo a la vez." not in spanish[name]


def test_the_compose_page_lists_a_many_purposed_entry_once(
    workspace: Any, alice: Any, log: Any
) -> None:
    lee = make_member(workspace, "Ms. Ortiz", email="ortiz@school.example")
    log(
        CONCERN | QUESTION | VICTORY,
        "Everything at once.",
        follow_up_due=timezone.localdate() + DAY,
    )
    response = client_for(alice).get(
        "/toolkit/compose/", {"kind": "monthly_update", "member": lee.pk}
    )
    assert response.context["form"].initial["body"].count("Everything at once.") == 1


def test_concerns_worked_together_say_where_they_stand_and_their_entries_are_not_repeated(
    workspace: Any, alice: Any, log: Any
) -> None:
    from allies.meetings import services as meetings
    from allies.meetings.models import Concern

    homework = meetings.concern_raise(workspace=workspace, author=alice, title="Homework is long")
    meetings.concern_set_status(
        concern=homework, author=alice, status="plan_agreed", plan="Shorter sets on busy days"
    )
    linked = log(CONCERN, "Homework took two hours again")
    meetings.concern_link_entry(concern=homework, author=alice, entry=linked)
    log(CONCERN, "Bus was late three times")
    done = meetings.concern_raise(workspace=workspace, author=alice, title="Lunch seating")
    meetings.concern_set_status(concern=done, author=alice, status="resolved")
    old = meetings.concern_raise(workspace=workspace, author=alice, title="Last year's worry")
    meetings.concern_set_status(concern=old, author=alice, status="resolved")
    Concern.objects.filter(pk=old.pk).update(
        resolved_at=timezone.now() - datetime.timedelta(days=70)
    )

    found = blocks(workspace)
    assert "- Homework is long: plan agreed (Shorter sets on busy days)" in found["concerns"]
    assert "- Lunch seating: resolved" in found["concerns"]
    assert "Last year's worry" not in found["concerns"]  # resolved in another month
    assert where("Bus was late three times", found) == ["concerns"]
    assert where("Homework took two hours again", found) == []  # said with its concern
    spanish = blocks(workspace, "es")
    assert "- Homework is long: plan acordado (Shorter sets on busy days)" in spanish["concerns"]


def test_an_update_about_one_child_leaves_out_a_sibling_s_entries_concerns_and_dates(
    workspace: Any, alice: Any, log: Any
) -> None:
    from allies.meetings import services as meetings
    from tests.support import make_student

    soon = timezone.localdate() + 10 * DAY
    maya = make_student(workspace, "Maya", annual_review_due=soon)
    leo = make_student(workspace, "Leo", reevaluation_due=soon)
    log(VICTORY, "Maya read a whole chapter", student=maya)
    log(VICTORY, "Leo tied his shoes", student=leo)
    log(CONCERN, "Bus late for both", follow_up_due=soon)  # about no child: stays
    meetings.concern_raise(workspace=workspace, author=alice, title="Leo's lunch", student=leo)
    with translation.override("en"):
        found = monthly_blocks(workspace, timezone.localdate(), maya)
        everyone = monthly_blocks(workspace, timezone.localdate())
    text = "\n".join(found.values())
    assert "Maya read a whole chapter" in text and "Bus late for both" in text
    assert "Leo" not in text, text
    assert "Maya: annual review" in found["coming_dates"]
    together = "\n".join(everyone.values())
    assert "Leo tied his shoes" in together and "Leo's lunch" in together
    assert "Leo: re-evaluation" in everyone["coming_dates"]
    # Through compose: the draft about Maya is Maya's.
    url = f"/toolkit/monthly/?student={maya.pk}"
    page = client_for(alice).get(url, follow=True).content.decode()
    assert "Maya read a whole chapter" in page and "Leo tied his shoes" not in page
