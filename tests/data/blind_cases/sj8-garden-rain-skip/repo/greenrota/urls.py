from django.contrib import admin
from django.urls import path

from rota import views as rota_views
from weather import views as weather_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/gauge/readings/", weather_views.upload_reading, name="gauge-upload"),
    path("rota/<str:day>/", rota_views.day_plan, name="rota-day"),
]
