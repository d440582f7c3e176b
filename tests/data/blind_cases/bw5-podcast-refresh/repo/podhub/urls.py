from django.contrib import admin
from django.urls import path

from catalog import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/podcasts/", views.search, name="podcast-search"),
    path("api/podcasts/<slug:slug>/", views.podcast_detail, name="podcast-detail"),
    path("api/podcasts/<slug:slug>/refresh/", views.refresh_now, name="podcast-refresh"),
    path("api/charts/<slug:category>/", views.chart, name="chart"),
]
