from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from allies.accounts.emails import normalize_email
from allies.accounts.models import User
from allies.core.once import OnceModelForm

from .models import Membership, Workspace


class WorkspaceForm(OnceModelForm):
    class Meta:
        model = Workspace
        fields = ("name", "kind")


class WorkspaceRenameForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=Workspace._meta.get_field("name").max_length)


class MemberAddForm(forms.Form):
    email = forms.EmailField(
        label=_("Their email address"),
        help_text=_("They need an Allies account on this server first."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)

    def __init__(self, *args: Any, workspace: Workspace, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.workspace = workspace

    def clean_email(self) -> User:
        email = normalize_email(self.cleaned_data["email"])
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError(
                _("No account uses this address yet. Ask them to sign up, then add them.")
            )
        if Membership.objects.filter(workspace=self.workspace, user=user).exists():
            raise forms.ValidationError(_("This person is already in the workspace."))
        return user
