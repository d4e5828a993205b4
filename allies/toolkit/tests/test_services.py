"""The toolkit's writes, called as the views call them."""

from __future__ import annotations

from typing import Any

from allies.toolkit import services
from allies.toolkit.defaults import KINDS
from allies.toolkit.models import MessageTemplate
from tests.support import make_member


def test_a_template_saved_twice_at_once_keeps_the_first(alice: Any, workspace: Any) -> None:
    first = MessageTemplate(
        workspace=workspace, kind="appreciation", language="en", subject="A", body="B"
    )
    assert services.template_save(template=first, author=alice)
    second = MessageTemplate(
        workspace=workspace, kind="appreciation", language="en", subject="C", body="D"
    )
    assert not services.template_save(template=second, author=alice)
    assert MessageTemplate.objects.get(workspace=workspace).subject == "A"
    services.template_reset(workspace=workspace, kind="appreciation", language="en")
    assert not MessageTemplate.objects.filter(workspace=workspace).exists()


def test_a_logged_message_is_an_email_sent_with_its_kinds_purposes(
    alice: Any, workspace: Any
) -> None:
    lee = make_member(workspace, email="lee@school.example")
    kind = next(k for k in KINDS if k.key == "appreciation")
    draft = services.Draft(
        kind=kind, recipients=[lee], student=None, subject="Thanks", body="It helped."
    )
    entry = services.message_log(workspace=workspace, author=alice, message=draft)
    assert (entry.channel, entry.direction, entry.tone) == ("email", "sent", "positive")
    assert entry.summary == "Thanks\n\nIt helped."
    assert list(entry.participants.all()) == [lee]
    assert draft.addresses == ["lee@school.example"]
