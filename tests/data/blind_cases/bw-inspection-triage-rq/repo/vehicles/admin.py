from django.contrib import admin

from .models import Driver, Vehicle, WorkOrder

admin.site.register(Driver)


@admin.register(Vehicle)
class VehicleAdmin(admin.ModelAdmin):
    list_display = ["plate", "make_model", "depot", "status", "odometer_km", "last_seen_at"]
    list_filter = ["status", "depot"]


@admin.register(WorkOrder)
class WorkOrderAdmin(admin.ModelAdmin):
    list_display = ["pk", "vehicle", "title", "status", "created_at"]
    list_filter = ["status"]
