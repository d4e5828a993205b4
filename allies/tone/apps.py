from django.apps import AppConfig


class ToneConfig(AppConfig):
    """The tone coach: offline, explainable advice on a draft or a log summary."""

    name = "allies.tone"
    label = "tone"
