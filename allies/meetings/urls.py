"""Insights, concerns, meetings and action items. Each area's paths in its own block."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

# -- insights (views/insights.py)

# -- concerns (views/concerns.py)

# -- meetings (views/meetings.py)

# -- action items (views/actions.py)
