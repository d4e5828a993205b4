from django.urls import include, path

from allies.web import views as web_views

urlpatterns = [
    path("", web_views.home, name="home"),
    path("healthz", web_views.healthz, name="healthz"),
    path("accounts/", include("allies.accounts.urls")),
    path("workspaces/", include("allies.workspaces.urls")),
    path("log/", include("allies.log.urls")),
    path("", include("allies.students.urls")),
    path("", include("allies.relationships.urls")),
    path("", include("allies.toolkit.urls")),
]
