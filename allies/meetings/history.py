"""A concern's history in the reader's language: each `ConcernEvent` keeps codes and ids,
and is written out here when the page is read."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from allies.core.choices import label_of

from .models import ActionItem, Concern, ConcernEvent, ConcernOption

QUOTED = 80  # characters of an option or an action item quoted in a line


def _field_label(name: str) -> str:
    try:
        return str(getattr(Concern._meta.get_field(name), "verbose_name", name))
    except FieldDoesNotExist:  # a field since renamed: its code is better than nothing
        return name


def _quote(text: str) -> str:
    return Truncator(text).chars(QUOTED)


def describe(
    event: ConcernEvent,
    *,
    options: Mapping[int, ConcernOption],
    actions: Mapping[int, ActionItem],
) -> str:
    """One line that says what happened, quoting the option or action item it added when
    that is still there."""
    data = event.data if isinstance(event.data, dict) else {}
    kind = event.kind
    if kind == ConcernEvent.Kind.RAISED:
        return _("Raised the concern.")
    if kind == ConcernEvent.Kind.EDITED:
        fields = ", ".join(_field_label(str(f)) for f in data.get("fields", []))
        return _("Changed: %(fields)s.") % {"fields": fields}
    if kind == ConcernEvent.Kind.STATUS:
        return _("Moved from “%(before)s” to “%(after)s”.") % {
            "before": label_of(Concern.Status, str(data.get("before", ""))),
            "after": label_of(Concern.Status, str(data.get("after", ""))),
        }
    if kind == ConcernEvent.Kind.OPTION:
        option = options.get(data.get("option", 0))
        if option is None:
            return _("Put an option on the table.")
        return _("Put an option on the table: “%(text)s”.") % {"text": _quote(option.text)}
    if kind == ConcernEvent.Kind.ENTRY:
        if data.get("unlinked"):
            return _("Took a log entry off the concern.")
        return _("Linked a log entry.")
    if kind == ConcernEvent.Kind.ACTION:
        action = actions.get(data.get("action", 0))
        if action is None:
            return _("Added an action item.")
        return _("Added an action item: “%(text)s”.") % {"text": _quote(action.text)}
    if kind == ConcernEvent.Kind.MEETING:
        return _("Planned a meeting about it.")
    return str(label_of(ConcernEvent.Kind, kind))
