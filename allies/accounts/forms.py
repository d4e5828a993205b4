from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, BaseUserCreationForm
from django.utils.translation import gettext_lazy as _

from allies.core.forms import choice_field, language_choices
from allies.core.widgets import Select

from .models import User


class LoginForm(AuthenticationForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # An email keyboard on phones; the field keeps Django's name "username".
        self.fields["username"].widget.input_type = "email"

    def clean_username(self) -> str:
        # Addresses are stored in lower case, and phones capitalise the first letter typed.
        # Lower-casing here also gives django-axes one spelling to count failures under.
        return str(self.cleaned_data["username"]).strip().lower()


class SignupForm(BaseUserCreationForm["User"]):
    family_name = forms.CharField(
        label=_("Name for your family workspace"),
        max_length=120,
        required=False,
        help_text=_("For example: The Rivera family. You can change it later."),
    )

    class Meta:
        model = User
        fields = ("email", "display_name")
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})}

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this email address already exists."))
        return email


class PreferencesForm(forms.ModelForm["User"]):
    class Meta:
        model = User
        fields = ("display_name", "language", "time_zone", "digest")
        # Some 600 time zones: written in Python rather than a template per option.
        widgets = {"language": Select, "time_zone": Select}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "language").choices = language_choices()
