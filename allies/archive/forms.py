from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from allies.accounts.models import User
from allies.workspaces.models import Workspace


class DeleteWorkspaceForm(forms.Form):
    """Deleting is for everyone in it: the name typed out, so it is not a slip."""

    name = forms.CharField(
        label=_("To confirm, type the workspace's name"),
        max_length=200,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, workspace: Workspace, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.workspace = workspace

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"]
        if name != self.workspace.name.strip():
            raise forms.ValidationError(
                _("That is not the workspace's name: type “%(name)s” exactly."),
                params={"name": self.workspace.name},
                code="name",
            )
        return name


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password, to confirm it is you"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."), code="password")
        return password
