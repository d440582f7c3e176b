from django.contrib import admin
from django.urls import path

from boarding import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("desk/arrivals/", views.arrivals, name="desk-arrivals"),
    path("desk/stays/<int:stay_id>/", views.stay_detail, name="desk-stay"),
    path("desk/stays/<int:stay_id>/check-in/", views.check_in, name="desk-check-in"),
    path("desk/stays/<int:stay_id>/check-out/", views.check_out, name="desk-check-out"),
]
