from django.contrib import admin
from django.urls import path

from labs import views as lab_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("hooks/labs/<str:lab>/results", lab_views.lab_results_webhook, name="lab-results-webhook"),
]
