"""The quick add on home: a full page without JavaScript, a partial swap with htmx."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from allies.log.models import Interaction, Purpose
from tests.support import client_for, field_error, make_member

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "quick-add"}


def quick(person: Any, **fields: Any) -> dict[str, Any]:
    data = {"member": person.pk, "channel": "", "purpose": "1", "summary": "Thanked Ms. Lee."}
    data.update(fields)
    return data


def test_without_htmx_a_quick_add_saves_and_goes_home(alice: Any, member: Any) -> None:
    response = client_for(alice).post("/log/quick/", quick(member), follow=True)
    assert response.redirect_chain == [("/", 302)]
    assert "Added to the log." in response.content.decode()
    entry = Interaction.objects.get()
    assert list(entry.participants.all()) == [member]
    assert entry.purposes == Purpose.APPRECIATION
    assert entry.tone == "positive"
    assert entry.revisions.count() == 1


def test_an_unset_channel_means_the_person_s_usual_one(alice: Any, workspace: Any) -> None:
    caller = make_member(workspace, "Coach Benson", preferred_channel="phone")
    client_for(alice).post("/log/quick/", quick(caller, purpose="32"))
    entry = Interaction.objects.get()
    assert entry.channel == "phone"
    assert entry.tone == "neutral"


def test_with_htmx_a_quick_add_returns_the_refreshed_card_and_home_sections(
    alice: Any, member: Any
) -> None:
    response = client_for(alice).post("/log/quick/", quick(member), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Logged: contact with Ms. Lee." in html
    assert not html.lstrip().startswith("<!doctype")
    # The latest entries and the team status come along, swapped out of band.
    assert 'id="latest" class="latest" aria-labelledby="latest-title" hx-swap-oob="true"' in html
    assert 'id="team-status" aria-labelledby="due-title" hx-swap-oob="true"' in html
    assert "Thanked Ms. Lee." in html
    # A fresh, empty form for the next contact.
    assert response.context["quick_form"].is_bound is False
    assert Interaction.objects.count() == 1


def test_without_htmx_a_bad_quick_add_shows_home_again_with_the_errors(
    alice: Any, member: Any
) -> None:
    typed = "x" * 10_001
    response = client_for(alice).post("/log/quick/", quick(member, summary=typed))
    assert response.status_code == 400
    assert "at most 10000 characters" in field_error(response, "summary")
    assert typed in response.content.decode()
    assert "<h1>The Test family</h1>" in response.content.decode()
    assert not Interaction.objects.exists()


def test_with_htmx_a_bad_quick_add_returns_the_card_with_the_errors(
    alice: Any, member: Any
) -> None:
    response = client_for(alice).post(
        "/log/quick/", quick(member, summary="   ", purpose="3"), **HTMX
    )
    assert response.status_code == 200
    assert field_error(response, "summary") == "This field is required."
    assert "Select a valid choice" in field_error(response, "purpose")
    assert not Interaction.objects.exists()


@pytest.mark.parametrize("value", ["987654321", "abc", "", "other"])
def test_the_quick_add_person_must_be_on_this_team(
    alice: Any, member: Any, oscar: Any, value: str
) -> None:
    if value == "other":
        value = str(make_member(oscar.memberships.get().workspace, "Mr. Other").pk)
    response = client_for(alice).post("/log/quick/", quick(member, member=value))
    assert response.status_code == 400
    assert field_error(response, "member")
    assert "Mr. Other" not in response.content.decode()
    assert not Interaction.objects.exists()


def test_an_inactive_team_member_cannot_be_quick_added(
    alice: Any, workspace: Any, member: Any
) -> None:
    make_member(workspace, "Dana Whitfield")  # someone active, so home shows the form
    member.active = False
    member.save()
    response = client_for(alice).post("/log/quick/", quick(member))
    assert response.status_code == 400
    assert "Select a valid choice" in field_error(response, "member")


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_a_double_submitted_quick_add_saves_once(
    alice: Any, member: Any, headers: dict[str, str]
) -> None:
    client = client_for(alice)
    data = quick(member, form_token="the-same-token")
    first = client.post("/log/quick/", data, **headers)
    second = client.post("/log/quick/", data, follow=True, **headers)
    assert first.status_code in (200, 302)
    assert second.status_code == 200
    assert Interaction.objects.count() == 1
    if not headers:
        assert "Added to the log." in second.content.decode()


def test_an_htmx_quick_add_after_the_session_ended_sends_the_page_to_log_in(
    workspace: Any, member: Any
) -> None:
    response = Client().post(
        "/log/quick/",
        {"member": member.pk, "purpose": "32", "summary": "Hello"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver/?x=1",
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/accounts/login/?next=/%3Fx%3D1"
    assert response.content == b""  # nothing to swap into the card


def test_who_offers_what_the_form_s_own_queryset_offers(alice: Any, workspace: Any) -> None:
    """Home draws "Who" from the team it already read: the same options, in the same
    order and words, as the form reading its queryset (no inactive member, no one else's)."""
    from allies.home.fragments import team_section
    from allies.log.forms import LogFilterForm, QuickAddForm
    from allies.workspaces.models import Membership
    from tests.support import make_user, make_workspace

    make_member(workspace, "Zed <b>", role="other", role_other="Nurse & co")
    make_member(workspace, "Amy", role="speech")
    make_member(workspace, "Gone", active=False)
    make_member(make_workspace(make_user("o@example.com")), "Elsewhere")
    shown = QuickAddForm(workspace=workspace)
    membership = Membership.objects.select_related("workspace").get(workspace=workspace)
    section, _health = team_section(membership, timezone.localdate())
    shown.show_team(section.choices)
    assert str(shown["member"]) == str(QuickAddForm(workspace=workspace)["member"])
    assert "Gone" not in str(shown["member"]) and "Elsewhere" not in str(shown["member"])

    filters = LogFilterForm({"member": ""}, workspace=workspace)
    read = LogFilterForm({"member": ""}, workspace=workspace)
    read.fields["member"].choices = read.fields["member"].iterator(read.fields["member"])
    assert str(filters["member"]) == str(read["member"])
    assert "Gone" in str(filters["member"]) and "Elsewhere" not in str(filters["member"])
