"""Form pieces every app's forms share: the date input, plausible dates, languages."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

EARLIEST = datetime.date(1990, 1, 1)
LATEST = datetime.date(2100, 12, 31)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def check_plausible_date(value: datetime.date | None) -> None:
    if value is not None and not EARLIEST <= value <= LATEST:
        raise forms.ValidationError(
            _("Enter a date between %(start)s and %(end)s."),
            params={"start": EARLIEST.isoformat(), "end": LATEST.isoformat()},
        )


def language_choices() -> list[tuple[str, str]]:
    """Each language in its own words, so a reader finds theirs whatever the page's language."""
    return [
        (code, get_language_info(code)["name_local"].capitalize())
        for code, _name in settings.LANGUAGES
    ]


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """`form.fields[name]`, known to be a choice field (its choices set per request)."""
    return cast(forms.ChoiceField, form.fields[name])


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """`form.fields[name]`, known to be a model choice field (its queryset set per request;
    ModelMultipleChoiceField is one too)."""
    return cast("forms.ModelChoiceField[Any]", form.fields[name])
