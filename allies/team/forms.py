from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from allies.core.forms import choice_field, language_choices
from allies.core.once import OnceModelForm
from allies.core.widgets import Select

from .models import CADENCE_MAX, CADENCE_MIN, CADENCE_RANGE, TeamMember


class TeamMemberForm(OnceModelForm):
    # The bounds checked here, so a value past them gets one message, in days, and never
    # the database's own limit as well.
    cadence_days = TeamMember._meta.get_field("cadence_days").formfield(
        min_value=CADENCE_MIN,
        max_value=CADENCE_MAX,
        error_messages={"min_value": CADENCE_RANGE, "max_value": CADENCE_RANGE},
    )

    class Meta:
        model = TeamMember
        fields = (
            "name",
            "role",
            "role_other",
            "email",
            "phone",
            "preferred_channel",
            "language",
            "best_times",
            "cadence_days",
            "communication_style",
            "constraints",
            "strengths",
            "active",
        )
        widgets = {
            "communication_style": forms.Textarea(attrs={"rows": 3}),
            "constraints": forms.Textarea(attrs={"rows": 3}),
            "strengths": forms.Textarea(attrs={"rows": 3}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "role": Select,
            "preferred_channel": Select,
            "language": Select,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            # A new member is active; the box only matters when taking someone off the team.
            del self.fields["active"]
        choice_field(self, "language").choices = language_choices()

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("role") == TeamMember.Role.OTHER and not (data.get("role_other") or "").strip():
            self.add_error("role_other", _("Say what their role is."))
        return data
