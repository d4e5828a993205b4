from __future__ import annotations

from django.conf import settings
from django.utils import translation

from allies.accounts.http import AuthenticatedHttpRequest

from ..defaults import KINDS

KIND_BY_KEY = {k.key: k for k in KINDS}
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def page_language(request: AuthenticatedHttpRequest) -> str:
    """The language the page is shown in."""
    return translation.get_language() or "en"
