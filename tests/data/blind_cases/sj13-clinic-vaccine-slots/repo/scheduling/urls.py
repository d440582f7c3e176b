from django.urls import path

from . import views

urlpatterns = [
    path("clinics/<str:code>/slots/<str:day>/", views.available_slots, name="available-slots"),
]
