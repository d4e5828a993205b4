from django.apps import AppConfig


class TeamConfig(AppConfig):
    """The people on a child's team, their roles and how each likes to be reached."""

    name = "allies.team"
    label = "team"
