"""The Python-rendered drop-down writes exactly what Django's templates write."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from allies.core.widgets import Select

CHOICES: list[Any] = [
    ("", "Choose <one>"),
    ("a&b", 'Tom & "Jerry" <script>'),
    (3, 42),
    ("safe", mark_safe("<b>bold</b>")),
    ("lazy", gettext_lazy("Email")),
    ("Group & co", [("g1", "One"), ("g2", "Two <2>")]),
]

ATTRS: list[dict[str, Any]] = [
    {},
    {"required": True, "id": "id_x"},
    {"disabled": False, "data-n": 0, "data-none": None, "aria-describedby": 'a"b'},
    {"hx-post": mark_safe("/x/?a=1&amp;b=2"), "class": "<c>", "autofocus": True},
]


@pytest.mark.parametrize("attrs", ATTRS)
@pytest.mark.parametrize("value", [None, "", "a&b", 3, "3", "g2", "missing", ["a&b", "g1"]])
def test_same_html_as_django(attrs: dict[str, Any], value: Any) -> None:
    ours = Select(choices=CHOICES).render("who<", value, attrs=attrs)
    django = forms.Select(choices=CHOICES).render("who<", value, attrs=attrs)
    assert ours == django


def test_same_html_in_spanish() -> None:
    with override("es"):
        ours = Select(choices=CHOICES).render("x", "lazy")
        django = forms.Select(choices=CHOICES).render("x", "lazy")
    assert ours == django
    assert "Correo" in ours or "Email" in ours


def test_a_select_multiple_keeps_its_multiple() -> None:
    class Multiple(Select):
        allow_multiple_selected = True

    ours = Multiple(choices=CHOICES, attrs={"multiple": True}).render("m", ["a&b", "g1"])
    django = forms.SelectMultiple(choices=CHOICES).render("m", ["a&b", "g1"])
    assert ours == django


def test_a_subclass_with_its_own_templates_uses_them() -> None:
    class Ours(Select):
        template_name = "django/forms/widgets/radio.html"

    class Django(forms.Select):
        template_name = "django/forms/widgets/radio.html"

    ours = Ours(choices=[("a", "A")]).render("r", "a")
    assert ours == Django(choices=[("a", "A")]).render("r", "a")
    assert ours.startswith("<div>")


def test_a_bound_field_with_errors(db: Any) -> None:
    class Form(forms.Form):
        fast = forms.ChoiceField(choices=CHOICES, widget=Select, help_text="Pick")
        slow = forms.ChoiceField(choices=CHOICES, help_text="Pick")

    form = Form({"fast": "nope", "slow": "nope"})
    assert not form.is_valid()
    ours = str(form["fast"]).replace("fast", "NAME")
    django = str(form["slow"]).replace("slow", "NAME")
    assert ours == django
    assert 'aria-invalid="true"' in ours
