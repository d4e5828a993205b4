"""Compose's words about the draft: which language a code names, said mid-sentence, and
what to tell the user when their edited draft was kept rather than rewritten."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from allies.team.models import TeamMember

from .. import drafts
from .common import KIND_BY_KEY, LANGUAGES


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
    """What to say when the message has the user's changes and so was kept: that it is
    still the kind it was written as, with the offer of the kind chosen; the offer to
    start again in another language; or (when they asked to start again) the question
    whether to replace their text. None when there is nothing to say.

    Each offer is the "replace" button: it starts again from the template of the kind
    and language the form asks for (`language` is what it switches to)."""
    if followed is None or not followed.kept:
        return None
    kept = _("The message has your changes, so it was kept as it is.")
    why = ""
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
    chosen = KIND_BY_KEY.get(followed.offer_kind)
    if chosen is not None:
        kind = chosen.label(translation.get_language())
        text = _(
            "You chose “%(kind)s”, but the message has your changes, so it was kept as it "
            "is, with its subject."
        ) % {"kind": kind}
        if followed.offer:
            button = _("Replace it with the “%(kind)s” template in %(language)s") % {
                "kind": kind,
                "language": language_in_a_sentence(followed.offer),
            }
            text = f"{text} {why}"
        else:
            button = _("Replace it with the “%(kind)s” template") % {"kind": kind}
        return {"language": followed.offer or followed.language, "text": text, "button": button}
    if followed.offer:
        return {
            "language": followed.offer,
            "text": f"{why} {kept}",
            "button": _("Start again in %(language)s")
            % {"language": language_in_a_sentence(followed.offer)},
        }
    if asked_to_refill:
        return {
            "language": followed.language,
            "text": kept,
            "button": _("Replace it with the template"),
        }
    return None
