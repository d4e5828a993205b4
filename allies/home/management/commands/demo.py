"""A realistic, deterministic demo family: one student, eight team members, ~150 entries."""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from allies.accounts.models import User
from allies.core.choices import Channel
from allies.core.dates import years_later
from allies.log.models import Direction, Interaction, Purpose, Tone
from allies.log.services import (
    follow_up_close,
    interaction_edit,
    interaction_record,
    interaction_withdraw,
)
from allies.meetings import services as meetings
from allies.meetings.models import ChecklistItem, Insight, Meeting, Phase
from allies.relationships.focus import week_of
from allies.relationships.models import Rule, WeeklyFocus
from allies.students.models import Student
from allies.team.models import TeamMember
from allies.workspaces.services import workspace_create

DEMO_EMAIL = "parent@allies.example"
DEMO_PASSWORD = "allies-demo-password"
SEED = 2026
DAYS = 182
ENTRIES = 150

TEAM: list[dict[str, Any]] = [
    dict(
        name="Ms. Jenna Lee",
        role="general_ed",
        preferred_channel="email",
        cadence_days=14,
        best_times="Before 8:00 am or after 3:30 pm",
        email="jlee@lincoln.example",
        communication_style="Short emails; likes specific examples from home.",
        constraints="28 students in her class; no planning period on Tuesdays.",
        strengths="Notices small wins and tells us about them.",
        weight=5,
    ),
    dict(
        name="Mr. David Okafor",
        role="case_manager",
        preferred_channel="notebook",
        cadence_days=7,
        best_times="Notebook goes home daily",
        email="dokafor@lincoln.example",
        communication_style="Writes in the communication notebook every day; prefers a call "
        "for anything complicated.",
        constraints="Caseload of 22 students.",
        strengths="Organised; follows up on every question.",
        weight=8,
    ),
    dict(
        name="Dana Whitfield",
        role="speech",
        preferred_channel="email",
        cadence_days=14,
        best_times="Wednesday afternoons",
        email="dwhitfield@lincoln.example",
        communication_style="Detailed; sends progress data with each update.",
        constraints="Splits her week between two schools.",
        strengths="Creative therapy ideas.",
        weight=4,
    ),
    dict(
        name="Priya Shah",
        role="ot",
        preferred_channel="email",
        cadence_days=21,
        best_times="Mornings",
        email="pshah@lincoln.example",
        communication_style="Friendly, likes photos of what works at home.",
        constraints="",
        strengths="Sensory strategies that carry over to home.",
        weight=3,
    ),
    dict(
        name="Coach Ray Benson",
        role="pt",
        preferred_channel="phone",
        cadence_days=30,
        best_times="Fridays after lunch",
        phone="555-0142",
        communication_style="Prefers a quick phone call to email.",
        constraints="Part-time.",
        strengths="Makes exercises feel like games.",
        weight=1,
    ),
    dict(
        name="Dr. Elena Alvarez",
        role="psychologist",
        preferred_channel="email",
        cadence_days=60,
        best_times="By appointment",
        email="ealvarez@district.example",
        communication_style="Formal; appreciates an agenda before meetings.",
        constraints="Covers six schools.",
        strengths="Explains test results clearly.",
        weight=1,
    ),
    dict(
        name="Mrs. Tanya Grant",
        role="para",
        preferred_channel="pickup",
        cadence_days=7,
        best_times="At pick-up, 3:05 pm",
        communication_style="Chatty and warm at pick-up.",
        constraints="Cannot email families directly; goes through Mr. Okafor.",
        strengths="Knows exactly what kind of day it was.",
        weight=6,
    ),
    dict(
        name="Principal Marcus Howard",
        role="administrator",
        preferred_channel="email",
        cadence_days=45,
        best_times="Through the front office",
        email="mhoward@lincoln.example",
        communication_style="Brief and formal.",
        constraints="Very limited time.",
        strengths="Supports the team's requests when they are clear.",
        weight=1,
    ),
]

# What people actually write in a log, by purpose. {first} is the team member's name.
LINES: dict[Purpose, list[str]] = {
    Purpose.APPRECIATION: [
        "Thanked {first} for adapting the reading worksheets; Maya finished them on her own.",
        "Sent a thank-you note to {first} for staying late to help with the science project.",
        "Told {first} how much the visual schedule has helped mornings at home.",
        "Thanked {first} for the quick reply about the field trip plan.",
        "Appreciated {first} trying the new fidget strategy we suggested.",
    ],
    Purpose.VICTORY: [
        "{first} reported Maya asked a question in front of the class for the first time.",
        "Maya read a whole page aloud with {first} without stopping.",
        "{first} said Maya used her calm-down card without a prompt today.",
        "Maya met her articulation goal for the /r/ sound this week, per {first}.",
        "{first} shared that Maya played with two classmates at recess.",
    ],
    Purpose.CONCERN: [
        "Raised with {first} that homework is taking over an hour and ending in tears.",
        "Told {first} Maya has been anxious about the noise in the cafeteria.",
        "Asked {first} about missed speech sessions this month; two were cancelled.",
        "Shared with {first} that Maya says she has nobody to sit with at lunch.",
        "Worried with {first} that the math accommodations are not being used in tests.",
    ],
    Purpose.QUESTION: [
        "Asked {first} how we can practise the new writing strategy at home.",
        "Asked {first} when the next progress report comes out.",
        "Asked {first} whether Maya could have extra time on the state test.",
    ],
    Purpose.UPDATE: [
        "Let {first} know Maya started a new medication; watching for changes.",
        "Updated {first}: Maya slept badly this week after the time change.",
        "Told {first} about the outside OT evaluation results.",
    ],
    Purpose.CHECK_IN: [
        "Quick check-in with {first}: a good week overall.",
        "Checked in with {first} about how the new seating is going.",
        "Regular check-in with {first}; nothing new, all steady.",
        "Short chat with {first} at pick-up about the day.",
    ],
    Purpose.REQUEST: [
        "Asked {first} for a copy of the behaviour data from October.",
        "Requested that {first} send the weekly spelling list on Mondays.",
    ],
    Purpose.MEETING: [
        "Met with {first} to review progress on the reading goals.",
        "Planning meeting with {first} ahead of the annual review.",
    ],
}
PURPOSE_WEIGHTS = {
    Purpose.APPRECIATION: 22,
    Purpose.VICTORY: 20,
    Purpose.CONCERN: 14,
    Purpose.QUESTION: 9,
    Purpose.UPDATE: 9,
    Purpose.CHECK_IN: 20,
    Purpose.REQUEST: 4,
    Purpose.MEETING: 2,
}
# Days ago of the most recent contact, for members whose recent silence tells a story.
LAST_CONTACT_DAYS_AGO = {"Dr. Elena Alvarez": 83, "Coach Ray Benson": 41, "Ms. Jenna Lee": 16}


TITLES = {"Ms.", "Mr.", "Mrs.", "Dr.", "Coach", "Principal"}


def short_name(name: str) -> str:
    """How a parent writes a name in a log: "Ms. Lee", "Dana"."""
    parts = name.split()
    return f"{parts[0]} {parts[-1]}" if parts[0] in TITLES else parts[0]


class Command(BaseCommand):
    help = "Create the demo family (idempotent). Prints how to log in."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true", help="Only when the database has no users yet."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and User.objects.exists():
            return
        if User.objects.filter(email=DEMO_EMAIL).exists():
            self.stdout.write(f"The demo family is already there ({DEMO_EMAIL}).")
            return
        count = create_demo(today=timezone.localdate())
        self.stdout.write(
            f"Created the demo family: {count} log entries. "
            f"Log in as {DEMO_EMAIL} with password {DEMO_PASSWORD}"
        )


@transaction.atomic
def create_demo(*, today: datetime.date) -> int:
    rng = random.Random(SEED)
    user = User.objects.create_user(DEMO_EMAIL, DEMO_PASSWORD, display_name="Alex Rivera")
    workspace = workspace_create(owner=user, name="The Rivera family")
    iep_start = today - datetime.timedelta(days=300)
    Student.objects.create(
        workspace=workspace,
        name="Maya R.",
        grade=Student.Grade.G3,
        school="Lincoln Elementary",
        iep_start=iep_start,
        annual_review_due=years_later(iep_start, 1),
        reevaluation_due=years_later(iep_start, 3),
        progress_reports=Student.ProgressReports.QUARTERLY,
        strengths="Loves maps, trains and anything with a timetable. Kind to younger children; "
        "remembers everyone's name.",
        needs="Reading fluency; starting written work on her own; loud, busy rooms.",
    )
    student = Student.objects.get(workspace=workspace)
    members = []
    for spec in TEAM:
        fields = {k: v for k, v in spec.items() if k != "weight"}
        member = TeamMember(workspace=workspace, **fields)
        member.full_clean()
        member.save()
        members.append(member)
    weights = [spec["weight"] for spec in TEAM]
    purposes = list(PURPOSE_WEIGHTS)
    tz = timezone.get_current_timezone()

    plan = []
    for _ in range(ENTRIES):
        member = rng.choices(members, weights=weights)[0]
        floor = LAST_CONTACT_DAYS_AGO.get(member.name, 0)
        days_ago = rng.randint(floor, DAYS)
        plan.append((days_ago, member))
    # Make sure the quiet members' last contact is exactly where the story wants it.
    for name, days_ago in LAST_CONTACT_DAYS_AGO.items():
        plan.append((days_ago, next(m for m in members if m.name == name)))
    plan.sort(key=lambda item: -item[0])

    created = []
    for days_ago, member in plan:
        day = today - datetime.timedelta(days=days_ago)
        while day.weekday() >= 5:
            day -= datetime.timedelta(days=1)
        minutes = rng.randint(7 * 60 + 30, 17 * 60)
        occurred = datetime.datetime.combine(
            day, datetime.time(minutes // 60, minutes % 60), tzinfo=tz
        )
        if occurred > timezone.now():
            occurred = timezone.now() - datetime.timedelta(minutes=rng.randint(5, 120))
        purpose = rng.choices(purposes, weights=list(PURPOSE_WEIGHTS.values()))[0]
        bits = int(purpose)
        if purpose == Purpose.VICTORY and rng.random() < 0.3:
            bits |= Purpose.UPDATE
        summary = rng.choice(LINES[purpose]).format(first=short_name(member.name))
        if purpose in (Purpose.APPRECIATION, Purpose.VICTORY):
            tone = Tone.POSITIVE
        elif purpose == Purpose.CONCERN:
            tone = Tone.DIFFICULT if rng.random() < 0.4 else Tone.NEUTRAL
        else:
            tone = Tone.POSITIVE if rng.random() < 0.3 else Tone.NEUTRAL
        channel = member.preferred_channel if rng.random() < 0.75 else rng.choice(Channel.values)
        direction = rng.choice([Direction.SENT, Direction.RECEIVED, Direction.BOTH])
        if purpose == Purpose.VICTORY:
            direction = Direction.RECEIVED
        elif purpose == Purpose.APPRECIATION:
            direction = Direction.SENT  # the family thanking the team
        follow_up = None
        if purpose in (Purpose.CONCERN, Purpose.QUESTION, Purpose.REQUEST) and rng.random() < 0.6:
            follow_up = day + datetime.timedelta(days=rng.randint(3, 14))
        participants = [member]
        if purpose == Purpose.MEETING:
            participants.append(members[1])
        created.append(
            interaction_record(
                workspace=workspace,
                author=user,
                occurred_at=occurred,
                channel=channel,
                direction=direction,
                participants=participants,
                purposes=bits,
                tone=tone,
                summary=summary,
                follow_up_due=follow_up,
                student=student,
            )
        )
    # A record is honest about its history: one corrected entry, one withdrawn.
    corrected = created[len(created) // 2]
    interaction_edit(
        interaction=corrected,
        author=user,
        participants=corrected.people(),
        summary=corrected.summary + " (Corrected: it was Thursday, not Wednesday.)",
    )
    interaction_withdraw(interaction=created[10], author=user, reason="Logged twice by mistake.")
    # Most follow-ups were done on time; the latest one that is past due is still open.
    past_due = [e for e in created if e.follow_up_due and e.follow_up_due < today]
    for entry in past_due[:-1]:
        if entry.follow_up_due and not entry.withdrawn_at:
            follow_up_close(interaction=entry, author=user, done_on=entry.follow_up_due)
    # A few weeks of small actions done, so the streak has a story to tell.
    this_week = week_of(today)
    WeeklyFocus.objects.bulk_create(
        WeeklyFocus(
            workspace=workspace,
            week=this_week - datetime.timedelta(weeks=weeks),
            rule=Rule.APPRECIATE,
            key=f"appreciate:{member.pk}",
            member=member,
            state=WeeklyFocus.State.DONE,
            done_at=timezone.now() - datetime.timedelta(weeks=weeks),
            done_by=user,
        )
        for weeks, member in ((1, members[0]), (2, members[2]), (3, members[3]))
    )
    working_together(
        user=user, student=student, members=members, entries=created, today=today, tz=tz
    )
    return len(created)


def working_together(
    *,
    user: User,
    student: Student,
    members: list[TeamMember],
    entries: list[Interaction],
    today: datetime.date,
    tz: datetime.tzinfo,
) -> None:
    """Insights from both sides, a concern being worked on, a past meeting with its
    summary confirmed by reply, and an annual meeting coming up."""
    workspace = student.workspace
    lee, okafor, whitfield = members[0], members[1], members[2]

    def at(days_ago: int, hour: int = 15) -> datetime.datetime:
        return datetime.datetime.combine(
            today - datetime.timedelta(days=days_ago), datetime.time(hour), tzinfo=tz
        )

    meetings.insight_record(
        workspace=workspace,
        author=user,
        student=student,
        source=Insight.Source.HOME,
        observed="Maya reads aloud to her little brother at bedtime and stops guessing words "
        "when she can point at the pictures.",
        what_works="Reading side by side with a finger under the line; two pages, then a break.",
        observed_on=today - datetime.timedelta(days=30),
    )
    meetings.insight_record(
        workspace=workspace,
        author=user,
        student=student,
        source=Insight.Source.HOME,
        shared_by_name="Grandma",
        observed="Homework goes faster at Grandma's kitchen table, where it is quiet.",
        what_works="A timer for ten minutes, then a short walk.",
        observed_on=today - datetime.timedelta(days=12),
    )
    thanked = meetings.insight_record(
        workspace=workspace,
        author=user,
        student=student,
        source=Insight.Source.CLASSROOM,
        shared_by=lee,
        observed="Maya is calmer after a movement break before writing.",
        what_works="A two-minute errand to the office before each writing block.",
        observed_on=today - datetime.timedelta(days=25),
    )
    meetings.insight_acknowledge(insight=thanked)
    meetings.insight_record(
        workspace=workspace,
        author=user,
        student=student,
        source=Insight.Source.THERAPY,
        shared_by=whitfield,
        observed="Maya answers more fully when she can draw first, then tell.",
        what_works="Draw-then-tell cards for retelling a story.",
        observed_on=today - datetime.timedelta(days=6),
    )

    concern = meetings.concern_raise(
        workspace=workspace,
        author=user,
        student=student,
        title="Homework takes over two hours most nights",
        interest="Maya practises what she learned and still has time to play and rest.",
        observed="Reading worksheets take an hour or more; she ends most evenings in tears.",
        impact="She has started saying she hates school, and bedtime is late.",
        tried="A timer and breaks at home; doing reading first.",
        invited=[lee, okafor],
    )
    meetings.concern_option_add(
        concern=concern, author=user, text="Shorter reading sets on busy days", suggested_by="home"
    )
    meetings.concern_option_add(
        concern=concern,
        author=user,
        text="Send home the reading she already practised in class",
        suggested_by="school",
        member=lee,
    )
    worried = [e for e in entries if e.purposes & Purpose.CONCERN and not e.withdrawn_at]
    if worried:
        meetings.concern_link_entry(concern=concern, author=user, entry=worried[-1])
    meetings.action_item_add(
        workspace=workspace,
        author=user,
        text="Keep a two-week homework time diary",
        concern=concern,
        due=today + datetime.timedelta(days=9),
    )

    held = meetings.meeting_plan(
        workspace=workspace,
        author=user,
        kind=Meeting.Kind.PROGRESS,
        student=student,
        starts_at=at(40),
        place="Lincoln Elementary, room 14",
        attendees=[okafor, lee, whitfield],
    )
    ChecklistItem.objects.filter(meeting=held).exclude(phase=Phase.AFTER, key="after-04").update(
        done_at=at(40, 17), done_by=user
    )
    for text in (
        "Maya's reading progress since the fall",
        "Speech goals: retelling a story",
        "How homework is going at home",
    ):
        meetings.agenda_item_add(meeting=held, text=text)
    meetings.meeting_notes_save(
        meeting=held,
        notes="Reading: up from 42 to 58 words a minute. Retelling improves with picture "
        "cues. Homework still long at home; school will look at the reading sets.",
        base_version=0,
    )
    for text in (
        "Speech adds draw-then-tell cards to retelling practice.",
        "Reading fluency checks move from monthly to every two weeks.",
    ):
        meetings.decision_add(meeting=held, author=user, text=text)
    done = meetings.action_item_add(
        workspace=workspace,
        author=user,
        text="Share the fluency chart with the family",
        owner=okafor,
        due=today - datetime.timedelta(days=33),
        meeting=held,
    )
    meetings.action_item_set_status(
        item=done, status="done", on=today - datetime.timedelta(days=34)
    )
    meetings.action_item_add(
        workspace=workspace,
        author=user,
        text="Send draw-then-tell cards home",
        owner=whitfield,
        due=today - datetime.timedelta(days=5),
        meeting=held,
    )
    # Followed up the next day: the meeting is in the log with everyone who came.
    meetings.meeting_follow_up_start(meeting=held, author=user)
    meetings.confirmation_record(
        meeting=held,
        member=okafor,
        response="confirmed",
        via="reply",
        recorded_by=user,
        received_on=held.starts_at.astimezone(tz).date() + datetime.timedelta(days=1),
    )

    meetings.meeting_plan(
        workspace=workspace,
        author=user,
        kind=Meeting.Kind.ANNUAL,
        student=student,
        starts_at=datetime.datetime.combine(
            today + datetime.timedelta(days=24), datetime.time(8, 30), tzinfo=tz
        ),
        place="Lincoln Elementary, conference room",
        attendees=[okafor, lee, whitfield, members[3]],
        concern=concern,
    )
