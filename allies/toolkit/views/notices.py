"""Compose's words about the draft: which language a code names, said mid-sentence, and
what to tell the user when their edited draft was kept rather than rewritten."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from allies.team.models import TeamMember

from .. import drafts
from .common import LANGUAGES


def valid_language(code: str) -> str:
    return code if code in LANGUAGES else ""


# A language's name in the middle of a sentence (lower case in Spanish: "en inglés").
_IN_A_SENTENCE = {
    "en": pgettext_lazy("a language, in the middle of a sentence", "English"),
    "es": pgettext_lazy("a language, in the middle of a sentence", "Spanish"),
}


def language_in_a_sentence(code: str) -> str:
    name = _IN_A_SENTENCE.get(code) or dict(settings.LANGUAGES).get(code)
    return str(name) if name else code


def follow_notice(
    followed: drafts.Followed | None, recipients: list[TeamMember], *, asked_to_refill: bool
) -> dict[str, str] | None:
    """What to say when the message has the user's changes and so was kept: the offer to
    start again in another language, or (when they asked to start again) the question
    whether to replace their text. None when there is nothing to say."""
    if followed is None or not followed.kept:
        return None
    kept = _("The message has your changes, so it was kept as it is.")
    if followed.offer:
        language = language_in_a_sentence(followed.offer)
        first = recipients[0] if recipients else None
        if first is not None and first.language == followed.offer:
            why = _("Messages to %(name)s are written in %(language)s.") % {
                "name": first.name,
                "language": language,
            }
        else:
            why = _("You chose %(language)s.") % {"language": language}
        return {
            "language": followed.offer,
            "text": f"{why} {kept}",
            "button": _("Start again in %(language)s") % {"language": language},
        }
    if asked_to_refill:
        return {
            "language": followed.language,
            "text": kept,
            "button": _("Replace it with the template"),
        }
    return None
