"""Choice lists shared by several apps."""

from django.db import models
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
