"""The request a signed-in view receives (behind @login_required), typed as such."""

from __future__ import annotations

from allies.core.http import HtmxHttpRequest

from .models import User


class AuthenticatedHttpRequest(HtmxHttpRequest):
    user: User
