from django.urls import path

from . import views

urlpatterns = [
    path("farms/<str:member_number>/allocation/", views.allocation_status),
    path("farms/<str:member_number>/runs/", views.recent_runs),
]
