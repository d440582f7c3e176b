from django.contrib import admin
from django.urls import path

from fleet import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/gateway/alarms/", views.gateway_alarm, name="gateway-alarm"),
    path("api/farms/<str:code>/kpis/<str:month>/", views.farm_kpis, name="farm-kpis"),
]
