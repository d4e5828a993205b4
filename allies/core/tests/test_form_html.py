"""`{% field %}` writes exactly what the `_field.html` include wrote, whatever the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.template import engines
from django.utils.safestring import mark_safe
from django.utils.translation import override

from allies.core.forms import DateInput
from allies.core.widgets import Select

# `_field.html` as it was when the tag replaced it: the reference.
INCLUDE = (Path(__file__).parent / "old_field_include.html").read_text()

CHOICES = [("a", "A & <b>"), ("b", mark_safe("<i>B</i>")), ("3", 3)]


class Everything(forms.Form):
    text = forms.CharField(label="Text <&>", help_text="Help & <more>", max_length=5)
    optional = forms.CharField(label="Optional", required=False)
    date = forms.DateField(label="Date", required=False, widget=DateInput())
    number = forms.IntegerField(label="Number", required=False)
    area = forms.CharField(label="Area", widget=forms.Textarea(attrs={"rows": 3}))
    pick = forms.ChoiceField(label="Pick", choices=CHOICES, widget=Select)
    stock = forms.ChoiceField(label="Stock", choices=CHOICES, required=False)
    flag = forms.BooleanField(label="Flag <x>", required=False, help_text="Tick it")
    many = forms.MultipleChoiceField(
        label="Many", choices=CHOICES, widget=forms.CheckboxSelectMultiple
    )
    one = forms.ChoiceField(
        label=mark_safe("<em>One</em>"), choices=CHOICES, widget=forms.RadioSelect
    )
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)


FORMS: dict[str, Any] = {
    "unbound": lambda: Everything(initial={"text": 'x"<y', "flag": True, "many": ["a"]}),
    "valid": lambda: Everything(
        {"text": "ok", "area": "l1\nl2", "pick": "a", "many": ["a", "3"], "one": "b", "flag": "on"}
    ),
    "errors": lambda: Everything({"text": "too long <x>", "number": "n", "pick": "zz"}),
    "no ids": lambda: Everything(auto_id=False),
    "prefixed": lambda: Everything({"p-text": "ok"}, prefix="p"),
}


def reference(bound: Any, **context: Any) -> str:
    template = engines["django"].from_string(INCLUDE)
    return template.render({"field": bound, **context})


def ours(bound: Any, **kwargs: Any) -> str:
    tag = "{% field field hide_optional=hide %}" if kwargs else "{% field field %}"
    template = engines["django"].from_string(tag)
    return template.render({"field": bound, "hide": kwargs.get("hide_optional")})


@pytest.mark.parametrize("name", list(Everything.base_fields))
@pytest.mark.parametrize("shape", list(FORMS))
@pytest.mark.parametrize("hide", [None, True])
def test_same_html_as_the_include(name: str, shape: str, hide: bool | None) -> None:
    bound = FORMS[shape]()[name]
    if hide:
        assert ours(bound, hide_optional=True) == reference(bound, hide_optional=True)
    else:
        assert ours(bound) == reference(bound)


def test_same_html_in_spanish() -> None:
    with override("es"):
        bound = Everything()["optional"]
        assert ours(bound) == reference(bound)
        assert "(opcional)" in ours(bound)


@pytest.mark.parametrize("shape", list(FORMS))
def test_inputs_and_textareas_are_djangos_html(shape: str) -> None:
    """The renderer (settings.FORM_RENDERER) writes Django's own templates' widgets."""
    ours, django = FORMS[shape](), FORMS[shape]()
    django.renderer = DjangoTemplates()
    for name in Everything.base_fields:
        assert str(ours[name]) == str(django[name]), name
