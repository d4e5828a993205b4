from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from allies.core.choices import Channel
from allies.core.compiled import CompiledRead, Rows, Slot
from allies.students.models import Student
from allies.team.models import TeamMember
from allies.workspaces.models import Workspace

SUMMARY_MAX = 10_000


class Purpose(models.IntegerChoices):
    """Why an interaction happened. An entry can have several: stored as bits."""

    APPRECIATION = 1, _("Appreciation")
    VICTORY = 2, _("Victory")
    CONCERN = 4, _("Concern")
    QUESTION = 8, _("Question")
    UPDATE = 16, _("Update")
    CHECK_IN = 32, _("Check-in")
    REQUEST = 64, _("Request")
    MEETING = 128, _("Meeting")

    @classmethod
    def to_bits(cls, values: list[int] | list[str]) -> int:
        bits = 0
        for value in values:
            bits |= int(value)
        return bits

    @classmethod
    def from_bits(cls, bits: int) -> list[Purpose]:
        return [p for p in cls if bits & p.value]


class Direction(models.TextChoices):
    SENT = "sent", _("I started it")
    RECEIVED = "received", _("They started it")
    BOTH = "both", _("Both / a conversation")


class Tone(models.TextChoices):
    POSITIVE = "positive", _("Positive")
    NEUTRAL = "neutral", _("Neutral")
    DIFFICULT = "difficult", _("Difficult")


# A follow-up is open while it has a due date, is not done and its entry is not withdrawn.
# The one definition: the queryset, the partial index and `Interaction.follow_up_open`.
FOLLOW_UP_OPEN = models.Q(
    follow_up_due__isnull=False, follow_up_done__isnull=True, withdrawn_at__isnull=True
)


class InteractionQuerySet(models.QuerySet["Interaction"]):
    def current(self) -> InteractionQuerySet:
        return self.filter(withdrawn_at__isnull=True)

    def follow_up_open(self) -> InteractionQuerySet:
        """Entries whose follow-up is still to do (served by a partial index)."""
        return self.filter(FOLLOW_UP_OPEN)

    def with_purpose(self, purpose: int) -> InteractionQuerySet:
        return self.alias(_purpose_hit=F("purposes").bitand(int(purpose))).filter(
            _purpose_hit__gt=0
        )


# An entry's people in the order they were ticked (Participation.position); the name and
# id only settle ties between rows saved before there was an order.
PARTICIPANT_ORDER = ("participation__position", "name", "pk")


def participants_in_order() -> models.Prefetch[str, models.QuerySet[TeamMember]]:
    """Prefetch `participants` in the order they were ticked: no more queries than a plain
    prefetch (the ordering reads the join the prefetch already makes)."""
    return models.Prefetch("participants", TeamMember.objects.order_by(*PARTICIPANT_ORDER))


class Interaction(models.Model):
    """One entry of the communication log, as it reads now.

    The row holds the current version for fast lists and filters; every version,
    the first included, is kept unchanged in InteractionRevision.
    """

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="interactions")
    # RESTRICT here and below: nothing may change or remove an entry or its history
    # without a revision, so deleting what the log refers to is refused (unless the
    # whole workspace goes).
    student = models.ForeignKey(
        Student,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="interactions",
        verbose_name=_("student"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    occurred_at = models.DateTimeField(_("when"), db_index=False)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    direction = models.CharField(
        _("who started it"), max_length=10, choices=Direction.choices, default=Direction.SENT
    )
    participants: models.ManyToManyField[TeamMember, Participation] = models.ManyToManyField(
        TeamMember, through="Participation", related_name="interactions", verbose_name=_("with")
    )
    purposes = models.PositiveSmallIntegerField(_("purposes"), default=0)
    tone = models.CharField(_("tone"), max_length=10, choices=Tone.choices, default=Tone.NEUTRAL)
    summary = models.TextField(
        _("summary"), validators=[MaxLengthValidator(SUMMARY_MAX)], max_length=SUMMARY_MAX
    )
    follow_up_due = models.DateField(_("follow-up due"), null=True, blank=True)
    follow_up_done = models.DateField(_("follow-up done"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revision_count = models.PositiveIntegerField(default=1, editable=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawn_reason = models.CharField(max_length=500, blank=True, editable=False)

    objects = InteractionQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        indexes = [
            models.Index(fields=["workspace", "-occurred_at", "-id"], name="log_ws_occurred"),
            models.Index(fields=["workspace", "follow_up_due"], name="log_ws_follow_up"),
            # Open follow-ups: few rows whatever the log's size, read by every health page.
            models.Index(
                fields=["workspace", "follow_up_due"],
                name="log_ws_follow_up_open",
                condition=FOLLOW_UP_OPEN,
            ),
            # Finding a form sent twice looks at one author's last few minutes.
            models.Index(
                fields=["workspace", "author", "-created_at"], name="log_ws_author_recent"
            ),
        ]

    def __str__(self) -> str:
        return self.summary[:60]

    @property
    def purpose_list(self) -> list[Purpose]:
        return Purpose.from_bits(self.purposes)

    @property
    def is_edited(self) -> bool:
        return self.revision_count > 1 and not self.withdrawn_at

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def follow_up_open(self) -> bool:
        """`FOLLOW_UP_OPEN` for an entry already loaded."""
        return bool(self.follow_up_due and not self.follow_up_done and not self.withdrawn_at)

    def people(self) -> list[TeamMember]:
        """The entry's people in the order they were ticked: as `with_people()` read them,
        or from `participants_in_order()` when prefetched, else one query."""
        known: list[TeamMember] | None = self.__dict__.get("_people")
        if known is not None:
            return list(known)
        prefetched = getattr(self, "_prefetched_objects_cache", {}).get("participants")
        if prefetched is not None:
            return list(prefetched)
        return list(self.participants.order_by(*PARTICIPANT_ORDER))

    @property
    def card(self) -> SafeString:
        """The entry as the card lists show (cards.py)."""
        from .cards import entry_card

        return entry_card(self)


class Participation(models.Model):
    """A team member taking part in an entry.

    Carries a copy of the entry's time, purposes, direction and whether it is withdrawn,
    so that "last contact with each member" is an index look-up and the per-member
    health figures read only the window they count, whatever the log's size. The log
    services keep the copies in step; nothing else writes here.
    """

    interaction = models.ForeignKey(Interaction, on_delete=models.CASCADE)
    member = models.ForeignKey(TeamMember, on_delete=models.RESTRICT)
    occurred_at = models.DateTimeField()
    withdrawn = models.BooleanField(default=False)
    purposes = models.PositiveSmallIntegerField(default=0)
    direction = models.CharField(max_length=10, choices=Direction.choices, default=Direction.SENT)
    # Where the member comes in the entry's people: the order they were ticked in. Not
    # sealed (a revision lists its people by id), so reordering is not an edit.
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["interaction", "member"], name="one_participation")
        ]
        indexes = [
            # Current entries only, newest first per member, covering what the health
            # figures read: "last contact" is the first row, a window's figures a range.
            # Partial on NOT withdrawn, the very term the ORM writes for withdrawn=False
            # (SQLite does not use a column equality for it); withdrawn is repeated as a
            # column only so that the index covers the query.
            models.Index(
                fields=["member", "-occurred_at", "purposes", "direction", "withdrawn"],
                name="participation_current",
                condition=models.Q(withdrawn=False),
            )
        ]

    def __str__(self) -> str:
        return f"{self.member_id} in {self.interaction_id}"


class InteractionRevision(models.Model):
    """One sealed version of a log entry. Rows are only ever added.

    `seq` numbers a workspace's revisions without gaps; `hash` covers this revision's
    content and the previous revision's hash, so altering or removing any earlier
    revision breaks every hash after it.
    """

    class Kind(models.TextChoices):
        CREATED = "created", _("Created")
        EDITED = "edited", _("Edited")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    interaction = models.ForeignKey(
        Interaction, on_delete=models.RESTRICT, related_name="revisions"
    )
    seq = models.PositiveBigIntegerField()
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_label = models.CharField(max_length=254)
    recorded_at = models.DateTimeField()
    reason = models.CharField(max_length=500, blank=True)
    data = models.JSONField()
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["interaction", "number"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "seq"], name="revision_seq_unique"),
            models.UniqueConstraint(
                fields=["interaction", "number"], name="revision_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.kind}"

    # The sealed data keeps stable codes ("email", "check_in"); pages show their labels
    # in the reader's language, falling back to the code for one no longer in the lists.
    @property
    def channel_label(self) -> str:
        code = self.data.get("channel", "")
        return str(Channel(code).label) if code in Channel.values else code

    @property
    def direction_label(self) -> str:
        code = self.data.get("direction", "")
        return str(Direction(code).label) if code in Direction.values else code

    @property
    def tone_label(self) -> str:
        code = self.data.get("tone", "")
        return str(Tone(code).label) if code in Tone.values else code

    @property
    def occurred_at_value(self) -> datetime.datetime | None:
        """The sealed time as a datetime, so pages show it in the reader's time zone."""
        try:
            return datetime.datetime.fromisoformat(self.data["occurred_at"])
        except (KeyError, TypeError, ValueError):
            return None

    @property
    def follow_up_due_value(self) -> datetime.date | None:
        try:
            return datetime.date.fromisoformat(self.data["follow_up_due"])
        except (KeyError, TypeError, ValueError):
            return None

    @property
    def purpose_labels(self) -> list[str]:
        names = {p.name.lower(): str(p.label) for p in Purpose}
        return [names.get(code, code) for code in self.data.get("purposes", [])]


def _people_of(entries: list[int]) -> models.QuerySet[TeamMember]:
    """The people of `entries`, each with the entry it is for, in `participants_in_order`'s
    order within each entry."""
    return (
        TeamMember.objects.filter(participation__interaction__in=entries)
        .annotate(_entry=F("participation__interaction_id"))
        .order_by("_entry", *PARTICIPANT_ORDER)
    )


_PEOPLE_OF = CompiledRead(_people_of, entries=Slot.IDS)


def people_rows(entries: list[int]) -> Rows:
    """The people of the entries with ids `entries`, not yet instances (see `with_people`)."""
    return _PEOPLE_OF.fetch(entries=entries)


def with_people(entries: Iterable[Interaction], people: Rows | None = None) -> list[Interaction]:
    """`entries` with their people read for `people()` in one query: what
    `prefetch_related(participants_in_order())` reads, without building the prefetch's
    queryset for every page (a millisecond for a page of 25 cards). `people` is
    `people_rows()` of these entries, when the caller has read it already."""
    rows = list(entries)
    found: dict[int, list[TeamMember]] = {entry.pk: [] for entry in rows}
    for member in _PEOPLE_OF.instances(people or people_rows(list(found))):
        found[member._entry].append(member)
    for entry in rows:
        entry._people = found[entry.pk]  # type: ignore[attr-defined]  # read by people()
    return rows
