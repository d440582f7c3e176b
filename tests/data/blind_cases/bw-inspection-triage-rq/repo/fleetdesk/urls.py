from django.contrib import admin
from django.urls import path

from inspections.views import submit_inspection_view
from telematics.views import ingest_ping

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/vehicles/<str:plate>/inspections/", submit_inspection_view, name="submit-inspection"),
    path("api/telematics/pings/", ingest_ping, name="ingest-ping"),
]
