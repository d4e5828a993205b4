from django.urls import path

from . import views

urlpatterns = [
    path("toolkit/tone/", views.tone_check, name="tone_check"),
]
