from django.urls import path

from . import views

urlpatterns = [
    path("gates/<slug:gate>/batches/", views.upload_batch, name="upload-batch"),
    path("slots/<int:slot_id>/occupancy/", views.occupancy, name="slot-occupancy"),
]
