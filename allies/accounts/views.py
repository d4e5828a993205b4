from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import activate
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from allies.accounts.http import AuthenticatedHttpRequest

from .forms import PreferencesForm


@login_required
@never_cache
def preferences(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = PreferencesForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        # Say it in the language just chosen: the next page is shown in that one.
        activate(form.instance.language)
        messages.success(request, _("Your settings are saved."))
        return redirect("preferences")
    return render(request, "accounts/preferences.html", {"form": form})
