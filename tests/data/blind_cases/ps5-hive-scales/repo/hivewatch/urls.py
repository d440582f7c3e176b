from django.contrib import admin
from django.urls import path

from apiary import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/hives/<str:tag>/inspections/", views.record_inspection, name="record-inspection"),
]
