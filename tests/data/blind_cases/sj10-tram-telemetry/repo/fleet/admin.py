from django.contrib import admin

from .models import Depot, Line, Vehicle


@admin.register(Depot)
class DepotAdmin(admin.ModelAdmin):
    list_display = ("code", "name")


@admin.register(Line)
class LineAdmin(admin.ModelAdmin):
    list_display = ("number", "name", "active")


@admin.register(Vehicle)
class VehicleAdmin(admin.ModelAdmin):
    list_display = ("fleet_number", "series", "depot", "status", "last_seen_at", "last_line")
    list_filter = ("status", "depot", "series")
    search_fields = ("fleet_number", "operator_id")
