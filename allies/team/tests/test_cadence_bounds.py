"""The check-in rhythm's bounds are said in days, once, in both languages."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from allies.team.models import TeamMember
from tests.support import client_for, field_error, make_member, member_data

SAID = {"en": "Choose between 1 and 365 days.", "es": "Elija entre 1 y 365 días."}


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("typed", ["0", "366", "40000", "99999999999999999999"])
def test_a_rhythm_out_of_bounds_is_refused_in_days(
    alice: Any, workspace: Any, typed: str, language: str
) -> None:
    alice.language = language
    alice.save()
    response = client_for(alice).post("/team/new/", member_data(cadence_days=typed))
    assert response.status_code == 200
    # One message, not the database's own limit as well.
    assert field_error(response, "cadence_days") == SAID[language]
    assert f'value="{typed}"' in response.content.decode()
    assert not TeamMember.objects.exists()


@pytest.mark.parametrize("typed", ["0", "366"])
def test_editing_a_member_says_the_same(
    alice: Any, workspace: Any, member: Any, typed: str
) -> None:
    response = client_for(alice).post(f"/team/{member.pk}/edit/", member_data(cadence_days=typed))
    assert field_error(response, "cadence_days") == SAID["en"]
    member.refresh_from_db()
    assert member.cadence_days == 14


@pytest.mark.parametrize("typed", ["1", "365"])
def test_the_bounds_themselves_are_accepted(alice: Any, workspace: Any, typed: str) -> None:
    client_for(alice).post("/team/new/", member_data(cadence_days=typed))
    assert TeamMember.objects.get().cadence_days == int(typed)


def test_the_field_tells_the_browser_its_bounds(alice: Any, workspace: Any) -> None:
    page = client_for(alice).get("/team/new/").content.decode()
    assert 'name="cadence_days" value="14" min="1" max="365"' in page


@pytest.mark.parametrize("days", [0, 366])
def test_the_model_says_it_too(workspace: Any, days: int) -> None:
    member = make_member(workspace)
    member.cadence_days = days
    with pytest.raises(ValidationError) as error:
        member.full_clean()
    assert error.value.message_dict["cadence_days"] == [SAID["en"]]
