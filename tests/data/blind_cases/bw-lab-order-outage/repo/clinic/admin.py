from django.contrib import admin

from .models import Appointment, Owner, Patient

admin.site.register(Owner)
admin.site.register(Patient)


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    list_display = ["patient", "vet", "starts_at", "status", "reminder_sent_at"]
