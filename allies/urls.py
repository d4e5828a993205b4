"""Every app's pages. Home (the top floor) comes first: `log/quick/` is its quick add."""

from django.urls import include, path

from allies.workspaces.signup import signup

urlpatterns = [
    path("", include("allies.home.urls")),
    path("accounts/signup/", signup, name="signup"),
    path("accounts/", include("allies.accounts.urls")),
    path("workspaces/", include("allies.workspaces.urls")),
    path("log/", include("allies.log.urls")),
    path("", include("allies.students.urls")),
    path("", include("allies.team.urls")),
    path("", include("allies.meetings.urls")),
    path("", include("allies.relationships.urls")),
    path("", include("allies.tone.urls")),
    path("", include("allies.toolkit.urls")),
    path("", include("allies.calendar.urls")),
    path("", include("allies.archive.urls")),
]
