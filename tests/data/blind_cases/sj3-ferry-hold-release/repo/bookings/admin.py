from django.contrib import admin

from .models import Booking


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ("reference", "sailing", "lead_name", "passengers", "vehicles", "status", "hold_expires_at")
    list_filter = ("status",)
    search_fields = ("reference", "lead_name", "email", "vehicle_plate")
