"""Choice labels looked up once per language say what `get_FOO_display()` says."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils.translation import override

from allies.core.choices import Channel, label_of
from allies.team.models import TeamMember


@pytest.mark.parametrize("language", ["en", "es"])
def test_same_labels_as_get_display(language: str) -> None:
    with override(language):
        for role in TeamMember.Role.values:
            member = TeamMember(role=role, preferred_channel=Channel.TEXT)
            assert member.role_label == member.get_role_display()
            assert member.preferred_channel_label == member.get_preferred_channel_display()


def test_each_language_gets_its_own_labels() -> None:
    with override("en"):
        english = label_of(Channel, Channel.NOTEBOOK)
    with override("es"):
        spanish = label_of(Channel, Channel.NOTEBOOK)
    assert english == "Communication notebook"
    assert spanish != english


def test_a_value_not_in_the_list_is_shown_as_it_is(db: Any) -> None:
    assert label_of(Channel, "fax") == "fax"
    assert TeamMember(role="retired", role_other="").role_label == "retired"
    assert TeamMember(role="other", role_other="Nurse").role_label == "Nurse"
