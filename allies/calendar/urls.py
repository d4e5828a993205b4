"""The settings page of one's calendar feed, and the feed itself (no session: the key is
the credential, and core/logs.py hides it)."""

from django.urls import URLPattern, path

from . import views

urlpatterns: list[URLPattern] = [
    path("accounts/calendar/", views.calendar_settings, name="calendar_settings"),
    path("accounts/calendar/reset/", views.calendar_reset, name="calendar_reset"),
    path("feeds/calendar/<str:key>.ics", views.calendar_feed, name="calendar_feed"),
]
