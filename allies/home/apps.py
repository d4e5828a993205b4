from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The top floor: home and whatever composes several apps. No app imports it."""

    name = "allies.home"
    label = "home"
