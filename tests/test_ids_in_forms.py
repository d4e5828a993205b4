"""Ids a probe types into forms: past 64 bits, signed, not digits. A form error, never a 500.

SQLite's driver cannot hold an integer past 2**63 - 1 and PostgreSQL's bigint neither, so
a multi-select `pk__in` lookup with such a value used to fail with OverflowError (500).
Every form field that takes a row's id is an `IdChoiceField` or `IdsChoiceField`. (The
test client raises a view's exception, so a 500 fails these tests.)
"""

from __future__ import annotations

from typing import Any

import pytest
from django import forms

from allies.core.forms import MAX_ID, IdChoiceField, IdsChoiceField, is_id
from allies.log.models import Interaction
from allies.team.models import TeamMember
from tests.support import client_for, entry_data, entry_data_from, field_error

PAST_64_BITS = "99999999999999999999"
BAD_IDS = [
    PAST_64_BITS,
    str(MAX_ID + 1),
    str(10**30),
    "9" * 5000,  # past Python's own limit for turning digits into an int
    "-1",
    "1e3",
    "١٢",  # digits, but not ASCII ones
    " 1",
    "0x10",
]
TYPED = "Asked about the reading plan, probe edition."


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", True),
        ("0", True),
        (str(MAX_ID), True),
        (MAX_ID, True),
        (7, True),
        (MAX_ID + 1, False),
        (-1, False),
        (True, False),
        ("", False),
        (None, False),
        (1.0, False),
        *((bad, False) for bad in BAD_IDS),
    ],
)
def test_what_counts_as_an_id(value: Any, expected: bool) -> None:
    assert is_id(value) is expected


@pytest.mark.parametrize("bad", BAD_IDS)
def test_the_id_fields_call_a_bad_id_an_invalid_choice(member: Any, bad: str) -> None:
    one = IdChoiceField(queryset=TeamMember.objects.all())
    several = IdsChoiceField(queryset=TeamMember.objects.all())
    with pytest.raises(forms.ValidationError) as error:
        one.clean(bad)
    assert error.value.code == "invalid_choice"
    with pytest.raises(forms.ValidationError) as error:
        several.clean([str(member.pk), bad])
    assert error.value.code == "invalid_choice"


def test_the_id_fields_still_find_good_ids(member: Any) -> None:
    assert IdChoiceField(queryset=TeamMember.objects.all()).clean(str(member.pk)) == member
    several = IdsChoiceField(queryset=TeamMember.objects.all()).clean([str(member.pk)])
    assert list(several) == [member]
    # The largest id there can be is a plain "not one of the choices" on either database.
    with pytest.raises(forms.ValidationError) as error:
        IdsChoiceField(queryset=TeamMember.objects.all()).clean([str(MAX_ID)])
    assert error.value.code == "invalid_choice"


@pytest.mark.parametrize("bad", [PAST_64_BITS, str(MAX_ID + 1), "-1", "١٢"])
@pytest.mark.parametrize("field", ["participants", "student"])
def test_a_new_entry_with_a_bad_id_is_refused_next_to_the_field(
    alice: Any, member: Any, student: Any, field: str, bad: str
) -> None:
    data = entry_data([member], summary=TYPED)
    data[field] = [member.pk, bad] if field == "participants" else bad
    response = client_for(alice).post("/log/new/", data)
    assert response.status_code == 200
    assert "Select a valid choice." in field_error(response, field)
    assert TYPED in response.content.decode()
    assert not Interaction.objects.exists()


@pytest.mark.parametrize("bad", [PAST_64_BITS, str(MAX_ID + 1)])
@pytest.mark.parametrize("field", ["participants", "student"])
def test_an_edit_with_a_bad_id_is_refused_and_changes_nothing(
    alice: Any, entry: Any, field: str, bad: str
) -> None:
    data = entry_data_from(entry, summary=TYPED)
    data[field] = [bad] if field == "participants" else bad
    response = client_for(alice).post(f"/log/{entry.pk}/edit/", data)
    assert response.status_code == 200
    assert "Select a valid choice." in field_error(response, field)
    assert TYPED in response.content.decode()
    entry.refresh_from_db()
    assert entry.summary != TYPED
    assert entry.revision_count == 1


@pytest.mark.parametrize("bad", [PAST_64_BITS, str(MAX_ID + 1), "-1"])
def test_a_quick_add_with_a_bad_id_is_refused(alice: Any, member: Any, bad: str) -> None:
    data = {"member": bad, "channel": "", "purpose": "1", "summary": TYPED}
    response = client_for(alice).post("/log/quick/", data)
    assert response.status_code == 400
    assert "Select a valid choice." in field_error(response, "member")
    assert TYPED in response.content.decode()
    assert not Interaction.objects.exists()


@pytest.mark.parametrize("bad", [PAST_64_BITS, str(MAX_ID + 1), "-1"])
def test_a_log_filter_with_a_bad_id_says_so_and_still_lists(
    alice: Any, entry: Any, bad: str
) -> None:
    response = client_for(alice).get("/log/", {"member": bad, "student": bad})
    assert response.status_code == 200
    assert "Select a valid choice." in field_error(response, "member")
    assert entry.summary in response.content.decode()


@pytest.mark.parametrize("bad", [PAST_64_BITS, str(MAX_ID + 1), "-1"])
@pytest.mark.parametrize("field", ["recipients", "student"])
def test_a_composed_message_with_a_bad_id_is_refused_and_kept(
    alice: Any, member: Any, student: Any, field: str, bad: str
) -> None:
    data = {
        "action": "log",
        "kind": "check_in",
        "recipients": [member.pk],
        "student": student.pk,
        "language": "en",
        "subject": "Checking in",
        "body": TYPED,
        "month": "",
        "form_token": "token-1",
    }
    data[field] = [member.pk, bad] if field == "recipients" else bad
    response = client_for(alice).post("/toolkit/compose/", data)
    assert response.status_code == 400
    assert "Select a valid choice." in field_error(response, field)
    assert TYPED in response.content.decode()
    assert not Interaction.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        f"/log/new/?member={PAST_64_BITS}&student={PAST_64_BITS}&follows={PAST_64_BITS}",
        f"/toolkit/compose/?member={PAST_64_BITS}&student={PAST_64_BITS}",
    ],
)
def test_links_with_bad_ids_open_an_empty_form(alice: Any, member: Any, url: str) -> None:
    assert client_for(alice).get(url).status_code == 200
