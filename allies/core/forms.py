"""Form pieces every app's forms share: the date input, plausible dates, languages, ids."""

from __future__ import annotations

import datetime
from typing import Any, TypeVar, cast

from django import forms
from django.conf import settings
from django.db.models import Model
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

_M = TypeVar("_M", bound=Model)

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


# The largest id a 64-bit integer column holds (BigAutoField, on SQLite and PostgreSQL).
MAX_ID = 2**63 - 1


def is_id(value: object) -> bool:
    """Whether `value` can be an id: a whole number from 0 to MAX_ID, or its plain ASCII digits.

    Anything else ("1e3", "-1", "١", twenty nines) is no row's id, and past MAX_ID the
    databases fail (SQLite's driver with OverflowError) instead of finding nothing.
    """
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return 0 <= value <= MAX_ID
    if isinstance(value, str):
        return (
            0 < len(value) <= len(str(MAX_ID))
            and value.isascii()
            and value.isdecimal()
            and int(value) <= MAX_ID
        )
    return False


class IdChoiceField(forms.ModelChoiceField[_M]):
    """A model choice by id: a value that cannot be an id is an invalid choice, not a 500.

    For every choice field that takes a row's id (the pk, an integer); see `is_id`.
    """

    def to_python(self, value: Any | None) -> _M | None:
        if value not in self.empty_values and not isinstance(value, Model) and not is_id(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class IdsChoiceField(forms.ModelMultipleChoiceField[_M]):
    """Several model choices by id, cleaned to a list in the order they were submitted (a
    form's boxes post in the order they were ticked, or in the page's); a value that
    cannot be an id is an invalid choice."""

    # A list, not Django's QuerySet (whose order is the queryset's): callers only iterate.
    def clean(self, value: Any) -> list[_M]:  # type: ignore[override]
        chosen = list(super().clean(value))
        place: dict[str, int] = {}
        for item in value or []:
            place.setdefault(str(item), len(place))
        return sorted(chosen, key=lambda obj: place.get(str(obj.pk), len(place)))

    def _check_values(self, value: Any) -> Any:
        if isinstance(value, list | tuple | set | frozenset):
            for item in value:
                if not is_id(item):
                    raise forms.ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": item},
                    )
        return super()._check_values(value)  # type: ignore[misc]  # Django has it; the stubs do not
