"""Every write the toolkit makes: a message logged (and sent), a template reworded or
reset. The question bank's writes are `allies.questions.services`.

Named `<thing>_<action>`, like `log/services.py`; views only check permissions, read
forms and choose the response.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass

from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from allies.accounts.models import User
from allies.log.models import Interaction, Tone
from allies.log.services import interaction_record
from allies.meetings import follow_up
from allies.meetings.models import Insight, Meeting
from allies.meetings.services import confirmation_link, insight_acknowledge
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


def follow_up_send(*, author: User, message: Draft, meeting: Meeting) -> list[TeamMember]:
    """Send a meeting's follow-up to each recipient on their own: an attendee's copy ends
    with their personal link to confirm the summary (meetings.follow_up); anyone else's
    is the message as written. One connection to the mail server for all of them.

    Returns the recipients whose copy the server did not accept, the others having been
    sent theirs; raises smtplib.SMTPException or OSError when it accepted none.
    """
    attendees = set(meeting.attendees.values_list("pk", flat=True))
    copies = []
    for member in message.recipients:
        if not member.email:
            continue
        body = message.body
        if member.pk in attendees:
            # Told as the link's page tells it: the attendee's language, the planner's zone.
            with (
                translation.override(member.language or None),
                timezone.override(follow_up.planner_zone(meeting)),
            ):
                url, expires = confirmation_link(meeting=meeting, member=member)
                body = f"{body}\n\n{follow_up.link_block(url, expires)}"
        copy = drafts.email_message(
            user=author, addresses=[member.email], subject=message.subject, body=body
        )
        copies.append((member, copy))
    refused: list[TeamMember] = []
    problem: smtplib.SMTPException | OSError | None = None
    with get_connection() as connection:
        for member, copy in copies:
            try:
                connection.send_messages([copy])
            except (smtplib.SMTPException, OSError) as error:
                refused.append(member)
                problem = error
    if problem is not None and len(refused) == len(copies):
        raise problem
    return refused


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
