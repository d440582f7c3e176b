from django.urls import path

from . import views

urlpatterns = [
    path("technicians/<str:employee_no>/timesheets/", views.sync_timesheets, name="sync-timesheets"),
    path("technicians/<str:employee_no>/hours/", views.technician_hours, name="technician-hours"),
]
