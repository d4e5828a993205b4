"""The figures as the short text pages show in a cell: "4 positive · 1 concern".

Written here rather than by a template included once per table cell (home and the
relationships page included one about 250 times for a team of 50). The result is what
that template wrote: the same words (the same msgids, so the same translations), the
translations as they are, anything else escaped. `MemberHealth` and `Rollup` show them
as `figure_*` properties.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from allies.core.rendering import date_text, esc, pk_url
from allies.team.models import TeamMember

# Counts are written as plain digits: the templates localized them, which is the same
# thing while USE_THOUSAND_SEPARATOR is off (it is).

F = TypeVar("F", bound=Callable[..., SafeString])


def per_language(func: F) -> F:
    """Remember `func`'s text per language and arguments: a team's figures are small
    numbers that repeat, and each translation look-up costs more than the text."""
    texts: dict[tuple[Any, ...], SafeString] = {}

    @functools.wraps(func)
    def remembered(*args: Any) -> SafeString:
        key = (translation.get_language(), *args)
        text = texts.get(key)
        if text is None:
            if len(texts) >= 4096:
                texts.clear()
            text = texts[key] = func(*args)
        return text

    return cast(F, remembered)


@per_language
def positive_text(positive: int, concerns: int) -> SafeString:
    return _html(
        ngettext("%(n)s positive", "%(n)s positive", positive) % {"n": positive}
        + " · "
        + ngettext("%(n)s concern", "%(n)s concerns", concerns) % {"n": concerns}
    )


@per_language
def reciprocity_text(they_started: int, you_started: int) -> SafeString:
    return _html(
        gettext("they %(they)s · you %(you)s") % {"they": they_started, "you": you_started}
    )


@per_language
def follow_ups_text(past_due: int, due: int) -> SafeString:
    if not past_due and not due:
        return _html("—")
    parts = []
    if past_due:
        text = ngettext("%(n)s past due", "%(n)s past due", past_due) % {"n": past_due}
        parts.append(f'<span class="status status-overdue">{text}</span>')
    if due:
        parts.append(ngettext("%(n)s due this week", "%(n)s due this week", due) % {"n": due})
    return _html(" · ".join(parts))


def together_text(
    concerns: int, past_due: int, to_do: int, *, on_time: int = 0, late: int = 0
) -> SafeString:
    """ "2 concerns open · 1 action item past due · 3 to do · 4 done on time · 1 done
    late", or a dash: what the member is solving with the family and how their action
    items went, from the concerns' status and the action items'."""
    if not (concerns or past_due or to_do or on_time or late):
        return _html("—")
    parts = []
    if concerns:
        parts.append(
            ngettext("%(n)s concern open", "%(n)s concerns open", concerns) % {"n": concerns}
        )
    if past_due:
        text = ngettext("%(n)s action item past due", "%(n)s action items past due", past_due) % {
            "n": past_due
        }
        parts.append(f'<span class="status status-overdue">{text}</span>')
    if to_do:
        parts.append(ngettext("%(n)s to do", "%(n)s to do", to_do) % {"n": to_do})
    if on_time:
        parts.append(ngettext("%(n)s done on time", "%(n)s done on time", on_time) % {"n": on_time})
    if late:
        parts.append(ngettext("%(n)s done late", "%(n)s done late", late) % {"n": late})
    return _html(" · ".join(parts))


def last_contact_text(last_contact: datetime.datetime | None, days_since: int | None) -> SafeString:
    if last_contact is None:
        none = gettext("No contact logged yet")  # not in the f-string: makemessages skips those
        return _html(f'<span class="muted">{none}</span>')
    local = timezone.localtime(last_contact)
    return _html(
        f'<time datetime="{esc(local.isoformat())}">{esc(date_text(local, "SHORT_DATE_FORMAT"))}'
        f'</time> <span class="muted">({_ago(days_since or 0)})</span>'
    )


@per_language
def _ago(days: int) -> SafeString:
    if days == 0:
        return _html(gettext("today"))
    return _html(ngettext("%(d)s day ago", "%(d)s days ago", days) % {"d": days})


def status_badge(css: str, label: str) -> SafeString:
    return _html(f'<span class="status status-{esc(css)}">{esc(label)}</span>')


def member_link(member: TeamMember) -> SafeString:
    return _html(f'<a href="{esc(pk_url("team_detail", member.pk))}">{esc(member.name)}</a>')


def name_cell(member: TeamMember) -> SafeString:
    role = esc(member.role_label)
    return _html(f'{member_link(member)}<br><small class="muted">{role}</small>')


def _html(text: str) -> SafeString:
    # Only translations (shown as they are, as `{% translate %}` does), numbers and
    # escaped dates go in.
    return mark_safe(text)  # noqa: S308
