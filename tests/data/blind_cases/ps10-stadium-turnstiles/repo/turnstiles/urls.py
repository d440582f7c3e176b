from django.urls import path

from . import views

app_name = "turnstiles"

urlpatterns = [
    path("matches/<str:code>/gate-flow/", views.match_gate_flow, name="match-gate-flow"),
    path("matches/<str:code>/attendance/", views.match_attendance, name="match-attendance"),
]
