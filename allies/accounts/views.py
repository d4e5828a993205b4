from __future__ import annotations

from axes.utils import reset as axes_reset
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import activate
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from allies.accounts.http import AuthenticatedHttpRequest

from .forms import NewPasswordForm, PreferencesForm


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


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    """Set a new password from the emailed link; that also lifts a lock-out at once.

    Whoever can read the account's email could set a new password anyway, so the wrong
    passwords that locked the account (from any address) no longer count.
    """

    form_class = NewPasswordForm
    template_name = "accounts/password_reset_confirm.html"

    def form_valid(self, form: Form) -> HttpResponse:
        response = super().form_valid(form)
        # django-axes counts failures under the address as the login form cleans it,
        # which is the spelling stored on the user.
        axes_reset(username=self.user.email)
        return response
