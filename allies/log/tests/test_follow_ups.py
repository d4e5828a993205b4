"""Follow-ups: opening a new entry from a link, answering a follow-up, marking one done.

Links from the weekly focus, the relationships page and member pages open /log/new/ with
GET parameters; anything in them that is not this workspace's is ignored, never a 500.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from allies.log.models import Interaction, InteractionRevision, Purpose
from allies.log.services import follow_up_close, interaction_withdraw
from allies.relationships.focus import current_focus
from allies.relationships.models import Rule, WeeklyFocus
from tests.support import (
    OWN_WRITE_FORM,
    WRITE,
    assert_outcome,
    client_for,
    entry_data,
    make_entry,
    make_member,
    make_student,
    messages_of,
)

DAY = datetime.timedelta(days=1)
SUMMARY = "Asked for the reading plan by Friday."


def checked(page: str, name: str) -> list[int]:
    """The values of the ticked checkboxes called `name`."""
    found = re.findall(rf'<input type="checkbox" name="{name}" value="(\d+)"([^>]*)>', page)
    return [int(value) for value, attrs in found if re.search(r"\schecked\b", attrs)]


def selected(page: str, name: str) -> list[str]:
    """The values chosen in the select called `name`, the empty choice left out."""
    select = re.search(rf'<select name="{name}".*?</select>', page, re.S)
    assert select, f"no {name} select"
    return [
        v for v in re.findall(r'<option value="([^"]*)"[^>]*\sselected\b', select.group(0)) if v
    ]


def hidden_follows(page: str) -> str | None:
    found = re.search(r'<input type="hidden" name="follows"( value="([^"]*)")?', page)
    assert found, "the form has no follows field"
    return found.group(2)


def notice(page: str) -> str | None:
    found = re.search(r'<p class="notice">(.*?)</p>', page, re.S)
    return " ".join(found.group(1).split()) if found else None


def revisions(entry: Any) -> list[InteractionRevision]:
    return list(InteractionRevision.objects.filter(interaction=entry).order_by("number"))


@pytest.fixture
def other(workspace: Any) -> Any:
    return make_member(workspace, "Mr. Okafor", preferred_channel="phone")


@pytest.fixture
def follow_up(workspace: Any, alice: Any, member: Any, other: Any) -> Any:
    """An entry with both of them, three days ago, to follow up on by yesterday."""
    today = timezone.localdate()
    return make_entry(
        workspace,
        alice,
        [member, other],
        occurred_at=timezone.now() - 3 * DAY,
        follow_up_due=today - DAY,
        summary=SUMMARY,
    )


@pytest.fixture
def theirs(oscar: Any) -> dict[str, Any]:
    """Another workspace's team member, student and open follow-up."""
    workspace = oscar.memberships.get().workspace
    member = make_member(workspace, "Mr. Other")
    return {
        "member": member,
        "student": make_student(workspace, "Lee O."),
        "follow_up": make_entry(
            workspace,
            oscar,
            [member],
            follow_up_due=timezone.localdate() + DAY,
            summary="Their own follow-up.",
        ),
    }


# --- Prefill from the link -----------------------------------------------------------


def test_a_member_link_ticks_them_and_picks_their_channel(alice: Any, other: Any) -> None:
    response = client_for(alice).get(f"/log/new/?member={other.pk}")
    page = response.content.decode()
    assert checked(page, "participants") == [other.pk]
    assert selected(page, "channel") == ["phone"]
    assert response.context["form"].initial["participants"] == [other.pk]


def test_member_can_be_repeated(alice: Any, member: Any, other: Any) -> None:
    page = client_for(alice).get(f"/log/new/?member={other.pk}&member={member.pk}").content
    assert sorted(checked(page.decode(), "participants")) == sorted([member.pk, other.pk])


def test_purposes_can_be_repeated(alice: Any, member: Any) -> None:
    page = client_for(alice).get("/log/new/?purpose=1&purpose=128").content.decode()
    assert checked(page, "purposes") == [1, 128]
    assert checked(page, "participants") == []


def test_a_student_link_picks_that_student(alice: Any, workspace: Any, member: Any) -> None:
    make_student(workspace, "Ann B.")
    second = make_student(workspace, "Zoe C.")
    page = client_for(alice).get(f"/log/new/?student={second.pk}").content.decode()
    assert selected(page, "student") == [str(second.pk)]


def test_all_of_it_at_once(alice: Any, workspace: Any, member: Any) -> None:
    student = make_student(workspace)
    make_student(workspace, "Zoe C.")
    page = (
        client_for(alice)
        .get(f"/log/new/?member={member.pk}&purpose=64&purpose=128&student={student.pk}")
        .content.decode()
    )
    assert checked(page, "participants") == [member.pk]
    assert checked(page, "purposes") == [64, 128]
    assert selected(page, "student") == [str(student.pk)]
    assert notice(page) is None


@pytest.mark.parametrize(
    "query",
    [
        "member=abc",
        "member=",
        "member=-1",
        "member=1.5",
        "member=%D9%A1",  # an Arabic-Indic digit one: decimal, but not ASCII
        "member={their_member}",
        "member=99999999999999999999",
        "member=987654321",
        "member={inactive}",
        "purpose=999",
        "purpose=3",
        "purpose=0",
        "purpose=256",
        "purpose=abc",
        "purpose=-32",
        "student={their_student}",
        "student=abc",
        "student=987654321",
        "student=99999999999999999999",
        "follows={their_follow_up}",
        "follows={closed}",
        "follows={withdrawn}",
        "follows={no_follow_up}",
        "follows=abc",
        "follows=0",
        "follows=-1",
        "follows=987654321",
        "follows=99999999999999999999",
        "follows=%00",
    ],
)
def test_junk_and_other_workspaces_ids_in_the_link_are_ignored(
    alice: Any, workspace: Any, member: Any, theirs: dict[str, Any], query: str
) -> None:
    make_student(workspace, "Ann B.")
    make_student(workspace, "Zoe C.")  # two students: none is picked by default
    inactive = make_member(workspace, "Mr. Gone", active=False)
    ids = {
        "their_member": theirs["member"].pk,
        "their_student": theirs["student"].pk,
        "their_follow_up": theirs["follow_up"].pk,
        "inactive": inactive.pk,
        "closed": _closed_follow_up(workspace, alice, member).pk,
        "withdrawn": _withdrawn_follow_up(workspace, alice, member).pk,
        "no_follow_up": make_entry(workspace, alice, [member]).pk,
    }
    response = client_for(alice).get("/log/new/?" + query.format(**ids))
    assert response.status_code == 200
    page = response.content.decode()
    assert checked(page, "participants") == []
    assert checked(page, "purposes") == []
    assert selected(page, "student") == []
    assert hidden_follows(page) is None
    assert notice(page) is None
    assert "Mr. Other" not in page and "Lee O." not in page and "Their own" not in page


def _closed_follow_up(workspace: Any, alice: Any, member: Any) -> Any:
    entry = make_entry(workspace, alice, [member], follow_up_due=timezone.localdate())
    follow_up_close(interaction=entry, author=alice, done_on=timezone.localdate())
    return entry


def _withdrawn_follow_up(workspace: Any, alice: Any, member: Any) -> Any:
    entry = make_entry(workspace, alice, [member], follow_up_due=timezone.localdate())
    interaction_withdraw(interaction=entry, author=alice, reason="Logged twice.")
    return entry


def test_junk_next_to_good_values_keeps_the_good_ones(
    alice: Any, member: Any, theirs: dict[str, Any]
) -> None:
    query = f"member=abc&member={theirs['member'].pk}&member={member.pk}&purpose=999&purpose=32"
    page = client_for(alice).get(f"/log/new/?{query}").content.decode()
    assert checked(page, "participants") == [member.pk]
    assert checked(page, "purposes") == [32]


def test_a_follows_link_ticks_the_people_of_that_entry_and_says_what_it_answers(
    alice: Any, member: Any, other: Any, follow_up: Any
) -> None:
    response = client_for(alice).get(f"/log/new/?follows={follow_up.pk}")
    page = response.content.decode()
    assert sorted(checked(page, "participants")) == sorted([member.pk, other.pk])
    # An update is what a follow-up usually is: ticked, so the first save goes through.
    assert checked(page, "purposes") == [int(Purpose.UPDATE)]
    assert hidden_follows(page) == str(follow_up.pk)
    due = date_format(follow_up.follow_up_due, "DATE_FORMAT")
    assert notice(page) == (
        f"This entry answers the follow-up planned for {due}: “{SUMMARY}” "
        "Saving it marks that follow-up done."
    )


def test_a_member_in_the_link_wins_over_the_people_of_the_follow_up(
    alice: Any, other: Any, follow_up: Any
) -> None:
    page = client_for(alice).get(f"/log/new/?follows={follow_up.pk}&member={other.pk}").content
    assert checked(page.decode(), "participants") == [other.pk]
    assert hidden_follows(page.decode()) == str(follow_up.pk)


def test_a_follows_link_leaves_out_people_no_longer_on_the_team(
    alice: Any, member: Any, other: Any, follow_up: Any
) -> None:
    other.active = False
    other.save()
    page = client_for(alice).get(f"/log/new/?follows={follow_up.pk}").content.decode()
    assert checked(page, "participants") == [member.pk]
    assert notice(page) is not None


def test_the_follow_up_notice_is_escaped(alice: Any, workspace: Any, member: Any) -> None:
    entry = make_entry(
        workspace, alice, [member], follow_up_due=timezone.localdate(), summary="<b>bold</b>"
    )
    page = client_for(alice).get(f"/log/new/?follows={entry.pk}").content.decode()
    assert "&lt;b&gt;bold&lt;/b&gt;" in notice(page)  # type: ignore[operator]
    assert "<b>bold</b>" not in page


@pytest.mark.parametrize(
    ("role", "expected"),
    OWN_WRITE_FORM.items(),
)
def test_only_writers_open_a_follows_link_and_only_for_their_workspace(
    personas: dict[str, Any], follow_up: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).get(f"/log/new/?follows={follow_up.pk}")
    assert_outcome(response, expected)
    if expected == 200:
        page = response.content.decode()
        shown = SUMMARY in page
        assert shown is (role != "outsider")


# --- Saving an entry that answers a follow-up ----------------------------------------


def test_saving_closes_the_follow_up_as_a_new_revision(
    alice: Any, member: Any, follow_up: Any
) -> None:
    data = entry_data([member], follows=follow_up.pk, summary="Got the plan.")
    response = client_for(alice).post("/log/new/", data)
    new = Interaction.objects.get(summary="Got the plan.")
    assert response.status_code == 302
    assert response["Location"] == f"/log/{new.pk}/"
    follow_up.refresh_from_db()
    done_on = timezone.localtime(new.occurred_at).date()
    assert follow_up.follow_up_done == done_on
    assert follow_up.revision_count == 2
    first, second = revisions(follow_up)
    assert first.data["follow_up_done"] is None
    assert second.kind == InteractionRevision.Kind.EDITED
    assert second.data["follow_up_done"] == done_on.isoformat()
    assert second.data["summary"] == SUMMARY  # only the follow-up changed
    assert second.author == alice
    # The new entry is an ordinary one: its own single revision.
    assert [r.kind for r in revisions(new)] == [InteractionRevision.Kind.CREATED]


def test_saving_marks_this_week_s_focus_done_when_it_was_that_follow_up(
    alice: Any, workspace: Any, member: Any, follow_up: Any
) -> None:
    focus = current_focus(workspace)
    assert focus is not None
    assert (focus.rule, focus.entry) == (Rule.FOLLOW_UP, follow_up)
    # The focus card's own link opens the form with the follow-up.
    assert f"follows={follow_up.pk}" in client_for(alice).get("/").context["focus_text"].url
    client_for(alice).post("/log/new/", entry_data([member], follows=follow_up.pk))
    focus.refresh_from_db()
    new = Interaction.objects.exclude(pk=follow_up.pk).get()
    assert focus.state == WeeklyFocus.State.DONE
    assert (focus.done_by, focus.done_with) == (alice, new)
    assert client_for(alice).get("/").context["streak"] == 1


def test_answering_another_follow_up_leaves_the_focus_open(
    alice: Any, workspace: Any, member: Any, follow_up: Any
) -> None:
    older = make_entry(
        workspace,
        alice,
        [member],
        occurred_at=timezone.now() - 10 * DAY,
        follow_up_due=timezone.localdate() - 5 * DAY,
        summary="The older one.",
    )
    focus = current_focus(workspace)
    assert focus is not None and focus.entry == older  # the oldest due date first
    client_for(alice).post("/log/new/", entry_data([member], follows=follow_up.pk))
    follow_up.refresh_from_db()
    focus.refresh_from_db()
    assert follow_up.follow_up_done is not None
    assert focus.state == WeeklyFocus.State.SUGGESTED


def test_a_follow_up_closed_meanwhile_does_not_stop_the_new_entry(
    alice: Any, erin: Any, member: Any, follow_up: Any
) -> None:
    form = client_for(alice).get(f"/log/new/?follows={follow_up.pk}")
    assert hidden_follows(form.content.decode()) == str(follow_up.pk)
    # Erin marks it done while Alice is typing.
    client_for(erin).post(f"/log/{follow_up.pk}/follow-up-done/")
    follow_up.refresh_from_db()
    closed_on = follow_up.follow_up_done
    assert closed_on == timezone.localdate()
    response = client_for(alice).post(
        "/log/new/", entry_data([member], follows=follow_up.pk, summary="Answered it.")
    )
    assert response.status_code == 302
    assert Interaction.objects.filter(summary="Answered it.").exists()
    follow_up.refresh_from_db()
    assert follow_up.follow_up_done == closed_on
    assert len(revisions(follow_up)) == 2  # created, closed by Erin: nothing more


@pytest.mark.parametrize("which", ["their_follow_up", "no_follow_up", "987654321"])
def test_posting_a_follows_that_is_not_an_open_follow_up_here_still_saves(
    alice: Any, workspace: Any, member: Any, theirs: dict[str, Any], which: str
) -> None:
    ids = {
        "their_follow_up": theirs["follow_up"].pk,
        "no_follow_up": make_entry(workspace, alice, [member]).pk,
        "987654321": 987654321,
    }
    response = client_for(alice).post(
        "/log/new/", entry_data([member], follows=ids[which], summary="Saved anyway.")
    )
    assert response.status_code == 302
    assert Interaction.objects.filter(summary="Saved anyway.", workspace=workspace).exists()
    theirs["follow_up"].refresh_from_db()
    assert theirs["follow_up"].follow_up_done is None
    assert theirs["follow_up"].revision_count == 1


def test_a_follows_number_too_large_for_the_database_is_not_a_server_error(
    alice: Any, member: Any
) -> None:
    response = client_for(alice).post(
        "/log/new/", entry_data([member], follows="99999999999999999999", summary="Huge.")
    )
    assert response.status_code == 302
    assert Interaction.objects.filter(summary="Huge.").exists()


def test_the_follow_up_notice_stays_when_the_form_comes_back_with_an_error(
    alice: Any, member: Any, follow_up: Any
) -> None:
    response = client_for(alice).post(
        "/log/new/", entry_data([member], follows=follow_up.pk, summary="")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert hidden_follows(page) == str(follow_up.pk)
    assert SUMMARY in (notice(page) or "")
    follow_up.refresh_from_db()
    assert follow_up.follow_up_done is None


# --- Marking a follow-up done --------------------------------------------------------


@pytest.mark.parametrize(("role", "expected"), WRITE.items())
def test_only_owners_and_editors_can_mark_a_follow_up_done(
    personas: dict[str, Any], follow_up: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).post(f"/log/{follow_up.pk}/follow-up-done/")
    assert_outcome(response, expected)
    follow_up.refresh_from_db()
    if expected == 302:
        assert response["Location"] == f"/log/{follow_up.pk}/"
        assert follow_up.follow_up_done == timezone.localdate()
        last = revisions(follow_up)[-1]
        assert (last.number, last.author) == (2, personas[role])
        assert last.data["follow_up_done"] == timezone.localdate().isoformat()
    else:
        assert follow_up.follow_up_done is None
        assert len(revisions(follow_up)) == 1


def test_marking_done_only_accepts_a_post(alice: Any, follow_up: Any) -> None:
    assert client_for(alice).get(f"/log/{follow_up.pk}/follow-up-done/").status_code == 405
    follow_up.refresh_from_db()
    assert follow_up.follow_up_done is None


def test_an_unknown_entry_is_not_found(alice: Any, workspace: Any) -> None:
    assert client_for(alice).post("/log/987654321/follow-up-done/").status_code == 404


def test_marking_done_twice_is_harmless(alice: Any, follow_up: Any) -> None:
    client = client_for(alice)
    first = client.post(f"/log/{follow_up.pk}/follow-up-done/", follow=True)
    assert "Follow-up marked done. The entry's history keeps it." in messages_of(first)
    second = client.post(f"/log/{follow_up.pk}/follow-up-done/", follow=True)
    assert "This follow-up is already done." in messages_of(second)
    assert len(revisions(follow_up)) == 2


def test_a_withdrawn_entry_s_follow_up_cannot_be_closed(alice: Any, follow_up: Any) -> None:
    interaction_withdraw(interaction=follow_up, author=alice, reason="Logged twice.")
    client = client_for(alice)
    response = client.post(f"/log/{follow_up.pk}/follow-up-done/", follow=True)
    assert "This entry has no open follow-up." in response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.follow_up_done is None
    assert [r.kind for r in revisions(follow_up)] == ["created", "withdrawn"]
    page = client.get(f"/log/{follow_up.pk}/").content.decode()
    assert "Mark follow-up done" not in page


def test_an_entry_without_a_follow_up_gets_no_revision(
    alice: Any, workspace: Any, member: Any
) -> None:
    entry = make_entry(workspace, alice, [member])
    client_for(alice).post(f"/log/{entry.pk}/follow-up-done/")
    entry.refresh_from_db()
    assert entry.follow_up_done is None
    assert len(revisions(entry)) == 1


def test_the_entry_page_then_says_done_on_the_day_and_offers_nothing_more(
    alice: Any, follow_up: Any
) -> None:
    client = client_for(alice)
    before = client.get(f"/log/{follow_up.pk}/").content.decode()
    assert "Mark follow-up done" in before
    assert f'action="/log/{follow_up.pk}/follow-up-done/"' in before
    assert f'href="/log/new/?follows={follow_up.pk}"' in before
    response = client.post(f"/log/{follow_up.pk}/follow-up-done/", follow=True)
    page = response.content.decode()
    facts = page[: page.index('id="history"')]
    today = date_format(timezone.localdate(), "DATE_FORMAT")
    assert f"done on {today}" in facts
    assert "Mark follow-up done" not in page
    assert "follows=" not in page
    assert "Version 2: Edited" in page


def test_a_viewer_is_not_offered_the_button(vera: Any, follow_up: Any) -> None:
    page = client_for(vera).get(f"/log/{follow_up.pk}/").content.decode()
    assert "Mark follow-up done" not in page
    assert "follows=" not in page


def test_marking_done_marks_this_week_s_focus_done_when_it_was_that_follow_up(
    alice: Any, workspace: Any, follow_up: Any
) -> None:
    focus = current_focus(workspace)
    assert focus is not None and focus.entry == follow_up
    client_for(alice).post(f"/log/{follow_up.pk}/follow-up-done/")
    focus.refresh_from_db()
    assert focus.state == WeeklyFocus.State.DONE
    assert (focus.done_by, focus.done_with) == (alice, None)


@pytest.mark.parametrize(
    ("next_url", "goes_back"),
    [
        ("/relationships/", True),
        ("/team/?inactive=1", True),
        ("https://evil.example/", False),
        ("//evil.example/", False),
        ("http://evil.example/", False),
        ("javascript:alert(1)", False),
        ("", False),
    ],
)
def test_marking_done_goes_back_only_to_a_page_of_this_site(
    alice: Any, follow_up: Any, next_url: str, goes_back: bool
) -> None:
    response = client_for(alice).post(f"/log/{follow_up.pk}/follow-up-done/", {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == (next_url if goes_back else f"/log/{follow_up.pk}/")


def test_marking_done_from_an_https_page_does_not_go_back_over_plain_http(
    alice: Any, follow_up: Any
) -> None:
    response = client_for(alice).post(
        f"/log/{follow_up.pk}/follow-up-done/",
        {"next": "http://testserver/relationships/"},
        secure=True,
    )
    assert response.status_code == 302
    assert response["Location"] == f"/log/{follow_up.pk}/"


def test_a_close_committed_between_the_check_and_the_lock_is_not_overwritten(
    alice: Any, erin: Any, follow_up: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from allies.log import services

    yesterday = timezone.localdate() - DAY
    real_lock = services._lock_workspace
    raced: list[bool] = []

    def lock(workspace_id: int) -> Any:
        # What PostgreSQL allows: Erin's request (answering the follow-up with an entry
        # dated yesterday) takes the lock first and commits while Alice's waits for it.
        if not raced:
            raced.append(True)
            services.follow_up_close(
                interaction=Interaction.objects.get(pk=follow_up.pk), author=erin, done_on=yesterday
            )
        return real_lock(workspace_id)

    monkeypatch.setattr(services, "_lock_workspace", lock)
    client_for(alice).post(f"/log/{follow_up.pk}/follow-up-done/")
    assert raced
    follow_up.refresh_from_db()
    assert follow_up.follow_up_done == yesterday  # Erin's close stands
    assert len(revisions(follow_up)) == 2  # created, closed once
