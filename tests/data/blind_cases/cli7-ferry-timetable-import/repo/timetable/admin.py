from django.contrib import admin

from .models import Port, Route, Sailing, Season, Vessel


@admin.register(Port)
class PortAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(Vessel)
class VesselAdmin(admin.ModelAdmin):
    list_display = ["name", "passenger_capacity", "car_capacity", "in_service"]
    list_filter = ["in_service"]


@admin.register(Route)
class RouteAdmin(admin.ModelAdmin):
    list_display = ["code", "origin", "destination", "crossing_minutes", "active"]


@admin.register(Season)
class SeasonAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "starts_on", "ends_on", "status"]


@admin.register(Sailing)
class SailingAdmin(admin.ModelAdmin):
    list_display = ["route", "departs_at", "vessel", "status", "season"]
    list_filter = ["season", "route", "status"]
    date_hierarchy = "departs_at"
