"""Widgets rendered in Python: the same HTML as Django's templates, a lot faster.

Django renders a `<select>` with one template for the box, then an include of
`select_option.html` and another of `attrs.html` for every option: about 100 template
renders for a team of 50, a third of home's time. `Select` writes the very same HTML
(attributes in the same order, the same escaping, the same line breaks) with string
joins. It falls back to the templates when a subclass names other ones.

Every other `<input>` (text, date, hidden, checkbox, ...) and `<textarea>` is three
templates too (its own, `input.html`, `attrs.html`): about 0.2 ms each, a dozen on the
log's filters. `FormRenderer` (settings.FORM_RENDERER) writes those in Python as well
and leaves every other template to Django.
"""

from __future__ import annotations

import html
from typing import Any

from django import forms
from django.forms.renderers import BaseRenderer, DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]  # not in the stubs

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"
TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"
# Django's templates that are nothing but `{% include "django/forms/widgets/input.html" %}`
# (the file input's is too, but its value is never shown, so it is left to Django).
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "input",
        "text",
        "hidden",
        "date",
        "datetime",
        "time",
        "email",
        "number",
        "password",
        "search",
        "tel",
        "url",
        "color",
        "checkbox",
    )
)


def text(value: Any) -> str:
    """`{{ value }}` in an autoescaped template: localized, then escaped unless safe."""
    if type(value) is str:
        return html.escape(value)  # what `escape` does, without its lazy-string wrapper
    if not isinstance(value, str):
        value = localize(template_localtime(value))
        if not isinstance(value, str):
            value = str(value)
    return str(conditional_escape(value))


def string_format(value: Any) -> str:
    """`value|stringformat:'s'` ("%s" % value, a tuple as a whole), which keeps a safe
    string safe."""
    formatted = str(value)
    return mark_safe(formatted) if isinstance(value, SafeData) else formatted  # noqa: S308  # was safe


def attrs_html(attrs: dict[str, Any]) -> str:
    """Django's `attrs.html`: ` name="value"`, a bare ` name` for True, nothing for False."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {text(name)}")
        else:
            parts.append(f' {text(name)}="{text(string_format(value))}"')
    return "".join(parts)


def input_html(widget: dict[str, Any]) -> str:
    """`input.html` for a widget context."""
    value = widget["value"]
    shown = "" if value is None else f' value="{text(string_format(value))}"'
    return (
        f'<input type="{text(widget["type"])}" name="{text(widget["name"])}"'
        f"{shown}{attrs_html(widget['attrs'])}>"
    )


def textarea_html(widget: dict[str, Any]) -> str:
    """`textarea.html` for a widget context."""
    value = widget["value"]
    return (
        f'<textarea name="{text(widget["name"])}"{attrs_html(widget["attrs"])}>\n'
        f"{text(value) if value else ''}</textarea>"
    )


def select_html(widget: dict[str, Any]) -> SafeString:
    """`select.html` for a widget context (`get_context()["widget"]`)."""
    parts = [f'<select name="{text(widget["name"])}"{attrs_html(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{text(group_name)}">')
        for option in options:
            # select_option.html ends with a line break, hence the blank line after each.
            parts.append(
                f'\n  <option value="{text(string_format(option["value"]))}"'
                f"{attrs_html(option['attrs'])}>{text(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))  # noqa: S308  # every piece above is escaped


class Select(forms.Select):
    """A drop-down whose HTML is written in Python instead of a template per option."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: BaseRenderer | None = None,
    ) -> SafeString:
        if self.template_name != SELECT_TEMPLATE or self.option_template_name != OPTION_TEMPLATE:
            return super().render(name, value, attrs, renderer)
        return select_html(self.get_context(name, value, attrs)["widget"])


class FormRenderer(DjangoTemplates):
    """Django's form renderer, with the input and textarea templates written in Python.

    A renderer's result is stripped (`BaseRenderer.render`); these have nothing to strip.
    """

    def render(
        self, template_name: str, context: dict[str, Any], request: Any | None = None
    ) -> str:
        if template_name in INPUT_TEMPLATES:
            return input_html(context["widget"])
        if template_name == TEXTAREA_TEMPLATE:
            return textarea_html(context["widget"])
        return super().render(template_name, context, request)
