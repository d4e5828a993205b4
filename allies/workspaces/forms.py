from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from allies.accounts.emails import normalize_email
from allies.core.once import OnceModelForm

from .models import Membership, Workspace


class WorkspaceForm(OnceModelForm):
    class Meta:
        model = Workspace
        fields = ("name", "kind")


class WorkspaceRenameForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=Workspace._meta.get_field("name").max_length)


class InvitationForm(forms.Form):
    """An owner invites an address. Any well-formed address is accepted, whether or not an
    account uses it, so the form never tells who has an account here."""

    email = forms.EmailField(
        label=_("Their email address"),
        help_text=_(
            "They will see the invitation after logging in, or after signing up with this "
            "address, and can accept or decline it."
        ),
    )
    # The least access first: a wrong click must not hand over the family's records.
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.VIEWER
    )

    def clean_email(self) -> str:
        return normalize_email(self.cleaned_data["email"])
