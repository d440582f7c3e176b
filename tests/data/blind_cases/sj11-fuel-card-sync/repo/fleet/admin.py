from django.contrib import admin

from .models import Depot, FuelCard, Vehicle


@admin.register(Depot)
class DepotAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "manager_email")


@admin.register(Vehicle)
class VehicleAdmin(admin.ModelAdmin):
    list_display = ("fleet_number", "registration", "depot", "fuel_type", "odometer_km", "active")
    list_filter = ("depot", "fuel_type", "active")
    search_fields = ("fleet_number", "registration")


@admin.register(FuelCard)
class FuelCardAdmin(admin.ModelAdmin):
    list_display = ("masked_number", "vehicle", "active", "assigned_at", "expires_on")
    list_filter = ("active",)
    search_fields = ("number", "vehicle__fleet_number", "vehicle__registration")
    autocomplete_fields = ()
    raw_id_fields = ("vehicle",)

    def save_model(self, request, obj, form, change):
        if "vehicle" in form.changed_data:
            from django.utils import timezone

            obj.assigned_at = timezone.now() if obj.vehicle_id else None
        super().save_model(request, obj, form, change)
