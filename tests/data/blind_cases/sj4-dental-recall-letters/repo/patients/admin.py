from django.contrib import admin

from .models import Appointment, Dentist, Patient

admin.site.register(Dentist)


@admin.register(Patient)
class PatientAdmin(admin.ModelAdmin):
    list_display = ("chart_number", "last_name", "first_name", "postcode", "active")
    search_fields = ("chart_number", "last_name", "postcode")


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    list_display = ("patient", "dentist", "starts_at", "treatment", "cancelled")
    date_hierarchy = "starts_at"
