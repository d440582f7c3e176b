from django.urls import path

from . import views

urlpatterns = [
    path("gyms/<slug:gym_code>/scans/", views.door_scan, name="door-scan"),
    path("gyms/<slug:gym_code>/occupancy/", views.occupancy, name="occupancy"),
]
