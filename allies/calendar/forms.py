from __future__ import annotations

from django import forms

from .models import CalendarFeed


class TitlesForm(forms.ModelForm[CalendarFeed]):
    class Meta:
        model = CalendarFeed
        fields = ("names_in_titles",)
