from django.urls import path

from . import views

urlpatterns = [
    path("varieties/<slug:slug>/", views.variety_detail, name="variety-detail"),
]
