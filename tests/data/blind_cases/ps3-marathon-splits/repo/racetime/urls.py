from django.contrib import admin
from django.urls import path

from races import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("races/<slug:slug>/results.json", views.results_json, name="results-json"),
]
