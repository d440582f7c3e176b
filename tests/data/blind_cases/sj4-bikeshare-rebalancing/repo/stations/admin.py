from django.contrib import admin

from .models import Station, StationStatus, TargetOverride


class TargetOverrideInline(admin.TabularInline):
    model = TargetOverride
    extra = 0


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "capacity", "min_bikes", "max_bikes", "active")
    list_editable = ("min_bikes", "max_bikes")
    search_fields = ("code", "name")
    inlines = [TargetOverrideInline]


@admin.register(StationStatus)
class StationStatusAdmin(admin.ModelAdmin):
    list_display = ("station", "reported_at", "bikes_available", "docks_available")
    list_filter = ("station",)
    date_hierarchy = "reported_at"
