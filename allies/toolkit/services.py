"""Every write the toolkit makes: a message logged (and sent), a template reworded or
reset. The question bank's writes are `allies.questions.services`.

Named `<thing>_<action>`, like `log/services.py`; views only check permissions, read
forms and choose the response.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from allies.accounts.models import User
from allies.log.models import Interaction, Tone
from allies.log.services import interaction_record
from allies.meetings.models import Insight
from allies.meetings.services import insight_acknowledge
from allies.students.models import Student
from allies.team.models import TeamMember
from allies.workspaces.models import Workspace

from . import drafts
from .defaults import Kind
from .models import MessageTemplate

POSITIVE_KINDS = {"appreciation", "home_insight", "meeting_follow_up"}


@dataclass(frozen=True)
class Draft:
    """A finished message: what kind, to whom, about whom, and its words."""

    kind: Kind
    recipients: list[TeamMember]
    student: Student | None
    subject: str
    body: str

    @property
    def addresses(self) -> list[str]:
        return [m.email for m in self.recipients if m.email]


def message_send(*, author: User, message: Draft) -> None:
    """Send through the configured mail server; raises smtplib.SMTPException or OSError
    when it refuses, having sent nothing."""
    drafts.email_message(
        user=author, addresses=message.addresses, subject=message.subject, body=message.body
    ).send()


@transaction.atomic
def message_log(
    *, workspace: Workspace, author: User, message: Draft, thanks: Insight | None = None
) -> Interaction:
    """Record a message written in Allies as an email sent now, with its kind's purposes.

    `thanks` is the insight the message thanks its author for (the insight's "write a
    thank-you"): it is marked thanked, with this entry, if the message goes to them.
    """
    entry = interaction_record(
        workspace=workspace,
        author=author,
        occurred_at=timezone.now(),
        channel="email",
        direction="sent",
        participants=message.recipients,
        purposes=drafts.purposes_for(message.kind.purposes),
        tone=Tone.POSITIVE if message.kind.key in POSITIVE_KINDS else Tone.NEUTRAL,
        summary=f"{message.subject}\n\n{message.body}",
        student=message.student,
    )
    to = {m.pk for m in message.recipients}
    if thanks is not None and thanks.workspace_id == workspace.pk and thanks.shared_by_id in to:
        insight_acknowledge(insight=thanks, entry=entry)
    return entry


def template_save(*, template: MessageTemplate, author: User) -> bool:
    """Save a workspace's own wording; False when someone saved the same template first."""
    template.updated_by = author
    try:
        with transaction.atomic():
            template.save()
    except IntegrityError:
        return False
    return True


def template_reset(*, workspace: Workspace, kind: str, language: str) -> None:
    """Back to the shipped wording: the workspace's own version is removed."""
    MessageTemplate.objects.filter(workspace=workspace, kind=kind, language=language).delete()
