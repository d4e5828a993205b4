"""`{% field form.name %}`: a form field with its label, errors and help, written in Python.

It writes what the `_field.html` include wrote (see the test, which keeps that template):
the include was about 0.3 ms a field before its widget, and home and the log show a
dozen fields. `hide_optional=True` leaves out the "(optional)" after the label, as the
include's `hide_optional` did. A builtin (settings.TEMPLATES): no `{% load %}` needed.
"""

from __future__ import annotations

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from allies.core.widgets import text

register = template.Library()

CHOICE_LISTS = ("checkboxselectmultiple", "radioselect")


@register.simple_tag
def field(bound: BoundField, *, hide_optional: bool = False) -> SafeString:
    errors = bound.errors
    if bound.widget_type == "checkbox":
        body = f'<label for="{text(bound.id_for_label)}">{text(bound)} {text(bound.label)}</label>'
    elif bound.widget_type in CHOICE_LISTS:
        options = "".join(
            f'<label for="{text(option.id_for_label)}">{text(option.tag())} '
            f"{text(option.choice_label)}</label>"
            for option in bound
        )
        invalid = ' aria-invalid="true"' if errors else ""
        body = (
            f"<fieldset{invalid}>\n"
            f"    <legend>{text(bound.label)}</legend>\n"
            '    <div class="choices">\n'
            f"    {options}\n"
            "    </div>\n"
            "  </fieldset>"
        )
    else:
        optional = ""
        if not bound.field.required and not hide_optional:
            word = gettext("optional")  # not in the f-string: makemessages skips those
            optional = f' <span class="muted">({word})</span>'
        body = (
            f'<label for="{text(bound.id_for_label)}">{text(bound.label)}{optional}</label>\n'
            f"  {text(bound)}"
        )
    error_text = ""
    if errors:
        shown = "".join(f"{text(e)} " for e in errors)
        error_text = f'<small class="error" id="{text(bound.auto_id)}_error">{shown}</small>'
    help_text = ""
    if bound.help_text:
        help_text = f'<small id="{text(bound.auto_id)}_helptext">{text(bound.help_text)}</small>'
    # The include's line breaks: each `{% if %}` line's, then the branch's own.
    html = (
        f'\n<div class="field{" has-error" if errors else ""}">\n'
        f"  \n  {body}\n  \n"
        f"  {error_text}\n"
        f"  {help_text}\n"
        "</div>\n\n"
    )
    # Translations as they are (as `{% translate %}` does); everything else escaped.
    return mark_safe(html)  # noqa: S308
