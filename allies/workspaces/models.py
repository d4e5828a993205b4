from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from allies.accounts.emails import normalize_email
from allies.core.compiled import CompiledRead, Slot

if TYPE_CHECKING:
    from allies.accounts.models import User


class Workspace(models.Model):
    """The tenancy and privacy boundary: a family's, or a school's."""

    class Kind(models.TextChoices):
        FAMILY = "family", _("Family")
        SCHOOL = "school", _("School")

    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.FAMILY)
    created_at = models.DateTimeField(auto_now_add=True)
    # The last sequence number handed to a revision of this workspace's log; revisions are
    # numbered without gaps so an export can show that none was removed.
    log_seq = models.PositiveBigIntegerField(default=0, editable=False)
    # The hash of revision `log_seq`, the chain's head (allies.log.chain.GENESIS_HASH, 64
    # zeros, before the first), written with it: a log whose newest revisions were removed
    # no longer ends here.
    log_head = models.CharField(max_length=64, default="0" * 64, editable=False)
    # Whether messages written in the toolkit end with the record's fingerprint line
    # (allies.log.chain.fingerprint), so that whoever receives one can check the record
    # still holds what it held then. Set by the owners on Check the record.
    record_line_in_messages = models.BooleanField(
        _("end messages with the record line"), default=False
    )
    # Deleted by an owner (or with its last owner's account): nobody reaches it any more,
    # but for GRACE_DAYS an owner can bring it back; then `allies purge` removes it.
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        verbose_name = _("workspace")
        verbose_name_plural = _("workspaces")

    def __str__(self) -> str:
        return self.name


class DeletionPermit(models.Model):
    """Leave for the database to remove one workspace's log revisions, which it otherwise
    refuses (triggers of migration log 0010). Written and removed by `workspace_delete`
    in its own transaction, so a row never outlives it.

    Not managed by Django: `flush` leaves the table alone (see the workspaces `flush`
    command), and there is no foreign key, so a permit can outlast its workspace's row
    for the rest of that transaction.
    """

    workspace_id = models.BigIntegerField(primary_key=True)

    class Meta:
        managed = False
        db_table = "workspaces_deletion_permit"

    def __str__(self) -> str:
        return f"deleting {self.workspace_id}"


class LiveMemberships(models.Manager["Membership"]):
    """Memberships of workspaces not deleted: the only ones that let anyone in. Every
    way into a workspace starts from a membership (`workspaces.access`), so a deleted
    workspace is out of everyone's reach through this one filter."""

    def get_queryset(self) -> models.QuerySet[Membership]:
        return super().get_queryset().filter(workspace__deleted_at__isnull=True)


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        EDITOR = "editor", _("Editor")
        VIEWER = "viewer", _("Viewer")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LiveMemberships()
    # Deleted workspaces' too: for bringing one back, and for what removes them for good.
    everywhere = models.Manager()  # noqa: DJ012  # both managers, the live one first (the default)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "workspace"], name="one_membership_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.workspace} as {self.role}"

    @property
    def can_write(self) -> bool:
        return self.role in {self.Role.OWNER, self.Role.EDITOR}

    @property
    def is_owner(self) -> bool:
        return self.role == self.Role.OWNER


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> InvitationQuerySet:
        return self.filter(accepted_at__isnull=True)

    def addressed_to(self, email: str) -> InvitationQuerySet:
        """Those for `email`, already in its one spelling (`normalize_email`)."""
        return self.filter(email=email)

    def for_user(self, user: User) -> InvitationQuerySet:
        """Those addressed to `user`'s account, matched by its normalised email."""
        return self.addressed_to(normalize_email(user.email))


class Invitation(models.Model):
    """An owner's offer of a role in a workspace to an email address.

    Nothing happens until the person using that address accepts it (after logging in or
    signing up with it): the owner learns nothing about whether an account exists. An
    accepted invitation is kept, marked, as the record of who let whom in; a declined or
    withdrawn one is deleted. One pending invitation per workspace and address.
    """

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="invitations")
    # Normalised (accounts.emails.normalize_email), so it matches the account's spelling.
    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=10, choices=Membership.Role.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "email"],
                condition=models.Q(accepted_at__isnull=True),
                name="one_pending_invitation_per_address",
            )
        ]
        indexes = [models.Index(fields=["email"], name="invitation_email")]

    def __str__(self) -> str:
        return f"{self.email} to {self.workspace} as {self.role}"

    @property
    def pending(self) -> bool:
        return self.accepted_at is None


# Home asks on every load whether an invitation waits: compiled once (core.compiled).
_PENDING_FOR = CompiledRead(
    # What `Invitation.objects.pending().addressed_to(email).exists()` sends.
    lambda email: (
        Invitation.objects.pending().addressed_to(email).order_by().values(a=models.Value(1))[:1]
    ),
    email=Slot.TEXT,
)


def has_pending_invitation(user: User) -> bool:
    """Whether an invitation waits for `user`'s address: `pending().for_user(user).exists()`."""
    return bool(_PENDING_FOR.dicts(email=normalize_email(user.email)))


class AccessRecord(models.Model):
    """Who read, exported or checked a workspace's records, and when: in the spirit of
    IDEA's record of access to education records (34 CFR 300.614). Rows are only ever
    added (the database refuses an UPDATE, migration 0003); outside the log's chain,
    since reading is not a change to the record. `what` is the page's path (ids, never
    names or search words) and, for an export, its form and range.
    """

    class Action(models.TextChoices):
        VIEWED = "viewed", _("Viewed")
        EXPORTED = "exported", _("Exported")
        VERIFIED = "verified", _("Checked")
        BACKED_UP = "backed_up", _("Backed up")
        DELETED = "deleted", _("Deleted")
        RESTORED = "restored", _("Restored")

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    who = models.CharField(max_length=254)  # the address they had then
    action = models.CharField(max_length=10, choices=Action.choices)
    what = models.CharField(max_length=300)
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["workspace", "-at", "-id"], name="access_ws_at")]

    def __str__(self) -> str:
        return f"{self.who} {self.action} {self.what}"
