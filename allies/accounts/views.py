from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import activate, get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from allies.workspaces.services import workspace_create

from .forms import PreferencesForm, SignupForm


@sensitive_post_parameters("password1", "password2")
@csrf_protect
@never_cache
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():  # an account always comes with its workspace
            # Keep the language the sign-up page was shown in (the browser's, or English).
            form.instance.language = get_language()
            user = form.save()
            name = form.cleaned_data["family_name"].strip() or _("My family")
            workspace_create(owner=user, name=name)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to Allies. Start by adding your child."))
        return redirect("student_new")
    return render(request, "accounts/signup.html", {"form": form})


@login_required
@never_cache
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        # Say it in the language just chosen: the next page is shown in that one.
        activate(form.instance.language)
        messages.success(request, _("Your settings are saved."))
        return redirect("preferences")
    return render(request, "accounts/preferences.html", {"form": form})
