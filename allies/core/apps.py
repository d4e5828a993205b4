from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The ground floor: what every app may use. It imports no domain app."""

    name = "allies.core"
    label = "core"
