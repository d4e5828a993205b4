"""The calendar feed's settings page (address, reset, names in titles), and the feed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from allies.accounts.http import AuthenticatedHttpRequest

from . import keys
from .feed import feed_ics
from .forms import TitlesForm
from .models import CalendarFeed
from .services import calendar_feed_configure, calendar_feed_reset, feed_for_key


def _base(request: HttpRequest) -> str:
    """This server as the asker reached it (a host ALLOWED_HOSTS lets through)."""
    return request.build_absolute_uri("/").rstrip("/")


@login_required
@never_cache
def calendar_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    feed = CalendarFeed.objects.filter(user=request.user).first()
    # Not `request.POST or None`: a box unticked posts nothing, and that is an answer.
    form = TitlesForm(request.POST if request.method == "POST" else None, instance=feed)
    if request.method == "POST" and form.is_valid():
        calendar_feed_configure(
            user=request.user, names_in_titles=form.cleaned_data["names_in_titles"]
        )
        messages.success(request, _("Your calendar feed settings are saved."))
        return redirect("calendar_settings")
    address = ""
    if feed is not None:
        address = _base(request) + reverse("calendar_feed", args=[keys.key_for(feed.nonce)])
    context = {
        "feed": feed,
        "form": form,
        "address": address,
        # Apple Calendar and Outlook open a webcal:// link as "subscribe to this".
        "webcal": address.replace("https://", "webcal://", 1).replace("http://", "webcal://", 1),
    }
    return render(request, "calendar/settings.html", context)


@login_required
@require_POST
def calendar_reset(request: AuthenticatedHttpRequest) -> HttpResponse:
    had_one = CalendarFeed.objects.filter(user=request.user).exists()
    calendar_feed_reset(user=request.user)
    if had_one:
        messages.success(
            request,
            _(
                "Your calendar feed has a new address. The old one stopped working: "
                "subscribe again with this one wherever you used it."
            ),
        )
    else:
        messages.success(
            request, _("Your calendar feed is ready: add its address to your calendar app.")
        )
    return redirect("calendar_settings")


# Fetched by calendar apps, which have no session and send no CSRF token: the key in the
# path is the credential. Exempt so that a POST answers 405, as any other method does.
@csrf_exempt
@require_safe
def calendar_feed(request: HttpRequest, key: str) -> HttpResponse:
    feed = feed_for_key(key)
    if feed is None:
        response = HttpResponse(
            _(
                "This calendar address does not work: it was reset, or it never existed. "
                "The current address is on the Calendar feed page of your Allies settings."
            )
            + "\n",
            content_type="text/plain; charset=utf-8",
            status=404,
        )
    else:
        response = HttpResponse(
            b"" if request.method == "HEAD" else feed_ics(feed, base=_base(request)),
            content_type="text/calendar; charset=utf-8",
        )
        response["Content-Disposition"] = 'inline; filename="allies.ics"'
    response["Cache-Control"] = "private"
    response["X-Robots-Tag"] = "noindex"
    return response
