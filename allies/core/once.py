"""Guard create forms against a double submit (a double click, a resent POST).

Each form carries a one-time token; the first POST with it claims it in the session,
a second sees it claimed and is told the entry was already saved.
"""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.http import HttpRequest

SESSION_KEY = "claimed_form_tokens"
KEEP = 200


class OnceForm(forms.Form):
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("form_token", uuid.uuid4().hex)


class OnceModelForm(OnceForm, forms.ModelForm[Any]):
    """The same token on a model form (the metaclass takes the field from OnceForm)."""


def claim(request: HttpRequest, token: str | None) -> bool:
    """True the first time `token` is seen in this session; False after that."""
    if not token:
        return True
    claimed: list[str] = request.session.get(SESSION_KEY, [])
    if token in claimed:
        return False
    request.session[SESSION_KEY] = (claimed + [token])[-KEEP:]
    return True


def release(request: HttpRequest, token: str | None) -> None:
    """Give a claimed token back: what it was claimed for did not happen after all."""
    claimed: list[str] = request.session.get(SESSION_KEY, [])
    if token and token in claimed:
        request.session[SESSION_KEY] = [t for t in claimed if t != token]
