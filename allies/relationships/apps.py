from django.apps import AppConfig


class RelationshipsConfig(AppConfig):
    name = "allies.relationships"
    label = "relationships"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects the log's signals)
