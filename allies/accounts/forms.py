from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import (
    AuthenticationForm,
    BaseUserCreationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from allies.core.forms import choice_field, language_choices
from allies.core.widgets import Select

from .emails import normalize_email
from .models import User
from .time_zones import time_zone_choices


class LoginForm(AuthenticationForm):
    # Django's own says both fields may be case-sensitive; here only the password is.
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Enter a correct email address and password. The password is case-sensitive."
        ),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # An email keyboard on phones; the field keeps Django's name "username".
        self.fields["username"].widget.input_type = "email"

    def clean_username(self) -> str:
        # Addresses are stored normalised (lower case, the domain in ASCII), and phones
        # capitalise the first letter typed. This also gives django-axes one spelling to
        # count failures under.
        return normalize_email(str(self.cleaned_data["username"]))


# The same words whatever the reason an address cannot sign up, and no more than that: a
# sign-up is logged in at once (Allies may have no mail server to confirm an address
# with), so a refusal cannot look like a success, but it need not say "this person uses
# Allies" either. The sign-up page links to logging in and resetting a password.
ADDRESS_UNAVAILABLE = _(
    "This address cannot be used to sign up. If it is yours and you already have an "
    "account, log in or reset your password."
)


class PasswordErrorsFirst(forms.BaseForm):
    """Why a new password is too weak, shown under the password field, not its confirmation.

    Django's forms put it under the second field; the person has to change the first.
    """

    FIRST = {"password2": "password1", "new_password2": "new_password1"}

    def validate_password_for_user(
        self,
        user: User,
        password_field_name: str = "password2",  # noqa: S107  # a field's name
    ) -> None:
        field = self.FIRST.get(password_field_name, password_field_name)
        password = self.cleaned_data.get(field)
        if password:
            try:
                password_validation.validate_password(password, user)
            except forms.ValidationError as error:
                self.add_error(field, error)


class SignupForm(PasswordErrorsFirst, BaseUserCreationForm["User"]):
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
        error_messages = {"email": {"unique": ADDRESS_UNAVAILABLE}}

    def clean_email(self) -> str:
        email = normalize_email(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(ADDRESS_UNAVAILABLE, code="unavailable")
        return email


class ResetForm(PasswordResetForm):
    def clean_email(self) -> str:
        # Found under the spelling it is stored in, whichever one was typed.
        return normalize_email(self.cleaned_data["email"])


class ChangePasswordForm(PasswordErrorsFirst, PasswordChangeForm):
    pass


# SetPasswordForm is generic only in the stubs: it cannot be subscripted at run time.
class NewPasswordForm(PasswordErrorsFirst, SetPasswordForm):  # type: ignore[type-arg]
    pass


class PreferencesForm(forms.ModelForm["User"]):
    class Meta:
        model = User
        fields = ("display_name", "language", "time_zone", "digest")
        # Some 600 time zones: written in Python rather than a template per option.
        widgets = {"language": Select, "time_zone": Select}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "language").choices = language_choices()
        # By city and country in the page's language; the value stays the IANA id.
        choice_field(self, "time_zone").choices = time_zone_choices(
            get_language(), current=self.instance.time_zone
        )
