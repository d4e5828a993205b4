from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    """Backups and restores of whole workspaces, and leaving with everything: the top
    floor with home, since a backup holds every app's rows."""

    name = "allies.archive"
    label = "archive"
