from django.contrib import admin
from django.urls import path

from pickups import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/tankers/warm-tank/", views.warm_tank, name="warm-tank"),
]
