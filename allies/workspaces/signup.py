"""Sign-up: a new account always comes with its own family workspace."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from allies.accounts.forms import SignupForm

from .models import Invitation
from .services import workspace_create


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
        if Invitation.objects.pending().for_user(user).exists():
            # Someone invited this address: their invitation waits on the workspace list.
            messages.success(
                request,
                _("Welcome to Allies. You are invited to a workspace: accept or decline below."),
            )
            return redirect("workspace_list")
        messages.success(request, _("Welcome to Allies. Start by adding your child."))
        return redirect("student_new")
    return render(request, "accounts/signup.html", {"form": form})
