from django.urls import path

from . import views

urlpatterns = [
    path("boats/", views.create_boat, name="create-boat"),
    path("boats/<int:pk>/", views.boat_detail, name="boat-detail"),
]
