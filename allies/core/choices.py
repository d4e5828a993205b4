"""Choice lists shared by several apps, and their labels read cheaply."""

from __future__ import annotations

import functools
from typing import Any

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone")
    IN_PERSON = "in_person", _("In person")
    PICKUP = "pickup", _("Pick-up chat")
    NOTEBOOK = "notebook", _("Communication notebook")
    VIDEO = "video", _("Video")
    TEXT = "text", _("Text / app")
    LETTER = "letter", _("Letter")
    MEETING = "meeting", _("Meeting")


def label_of(choices: type[models.Choices], value: Any) -> Any:
    """`value`'s label in the active language, as `get_FOO_display()` gives it (the value
    itself if it is not in the list).

    `get_FOO_display()` translates every label of the list on each call; a page that
    shows 50 team members' roles translated 700 labels. Here each list is translated
    once per language and looked up after that.
    """
    return _labels(choices, translation.get_language()).get(value, value)


@functools.cache
def _labels(choices: type[models.Choices], language: str | None) -> dict[Any, str]:
    # Called under `language` (the active one): the labels come out in it.
    return {value: str(label) for value, label in choices.choices}
