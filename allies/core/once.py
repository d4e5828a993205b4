"""Guard create forms so that a form saves once: a double click, a resent POST, a retry
after a dropped connection, or any number of submits at the same moment.

Each form carries a one-time token. The view runs its write inside `saving()`, which
first inserts the token's claim (core.FormClaim) in the write's own transaction, under
a unique constraint on (user, workspace, token):

- the first submit inserts it, writes, notes where what it made is (`made`), commits;
- a submit at the same time waits for that transaction (SQLite's IMMEDIATE transactions
  queue writers at BEGIN; PostgreSQL makes an insert of the same key wait for the one in
  flight), then its insert fails, inside a savepoint so the transaction stays usable,
  and it reads the winner's committed claim: `AlreadySaved`, with the winner's URL;
- a write that fails takes its claim with it (the transaction rolls back), so the same
  form may be sent again.

Claims are scoped to the user and the workspace: another user's token, or one from
another workspace, is a claim of its own and never leads to what someone else made.
`forget_old` removes claims older than `KEEP_FOR` (run by `allies send-digests` and at
`allies serve`'s start); a form left open longer than that can save once more.
"""

from __future__ import annotations

import datetime
import hashlib
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django import forms
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from .models import FormClaim

KEEP_FOR = datetime.timedelta(days=7)


class OnceForm(forms.Form):
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("form_token", uuid.uuid4().hex)


class OnceModelForm(OnceForm, forms.ModelForm[Any]):
    """The same token on a model form (the metaclass takes the field from OnceForm)."""


class AlreadySaved(Exception):
    """This form was submitted before and that submit's write is committed."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        # Where what it made is; "" when the first submit is still sending (the toolkit's
        # compose) or noted nothing.
        self.url = url


class Claim:
    """A token's claim, held by the submit that may write; None-backed when no token came."""

    def __init__(self, row: FormClaim | None) -> None:
        self._row = row

    def made(self, url: str) -> None:
        """Note where what the write made can be seen (for a submit that comes again)."""
        if self._row is not None:
            self._row.made_url = url[:500]
            self._row.save(update_fields=["made_url"])

    def release(self) -> None:
        """Give the token back: what it was claimed for did not happen after all."""
        if self._row is not None:
            self._row.delete()
            self._row = None


def _key(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def claim(request: HttpRequest, token: str | None, *, workspace_id: int | None) -> Claim:
    """Claim `token` for this user in this workspace, or raise AlreadySaved.

    Inside a transaction the claim is that transaction's (and goes if it rolls back);
    outside one it is committed at once. No token (a client that sends none) claims nothing.
    """
    if not token:
        return Claim(None)
    user_id: int | None = request.user.pk
    if user_id is None:
        raise ValueError("create forms are for signed-in users")
    scope, key = workspace_id or 0, _key(token)
    try:
        # A savepoint: on PostgreSQL a failed statement would otherwise end the transaction.
        with transaction.atomic():
            row = FormClaim.objects.create(user_id=user_id, scope=scope, key=key)
    except IntegrityError:
        earlier = FormClaim.objects.filter(user_id=user_id, scope=scope, key=key).first()
        raise AlreadySaved(earlier.made_url if earlier else "") from None
    return Claim(row)


@contextmanager
def saving(request: HttpRequest, token: str | None, *, workspace_id: int | None) -> Iterator[Claim]:
    """One transaction for the claim of `token` and the write in the block.

    Raises AlreadySaved, before the block runs, when an earlier submit of the form saved.
    """
    with transaction.atomic():
        yield claim(request, token, workspace_id=workspace_id)


def forget_old(*, now: datetime.datetime | None = None) -> int:
    """Remove the claims older than KEEP_FOR; how many went."""
    before = (now or timezone.now()) - KEEP_FOR
    deleted, _kinds = FormClaim.objects.filter(created_at__lt=before).delete()
    return deleted
