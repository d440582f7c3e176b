from django.contrib import admin
from django.urls import path

from catalog import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/tracks/<str:isrc>/", views.track_detail, name="track-detail"),
    path("api/stations/", views.station_list, name="station-list"),
]
