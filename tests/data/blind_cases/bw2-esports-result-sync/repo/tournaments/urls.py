from django.urls import path

from . import views

urlpatterns = [
    path("tournaments/<slug:slug>/bracket/", views.bracket),
    path("matches/<int:match_id>/start/", views.start_match),
    path("matches/<int:match_id>/finished/", views.report_finished),
]
