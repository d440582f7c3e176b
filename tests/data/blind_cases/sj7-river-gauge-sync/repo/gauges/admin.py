from django.contrib import admin

from .models import Alert, Reading, Station


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "river", "warning_level_m", "alert_level_m", "active", "last_reading_at"]
    list_filter = ["river", "active"]


@admin.register(Reading)
class ReadingAdmin(admin.ModelAdmin):
    list_display = ["station", "measured_at", "level_m"]
    list_filter = ["station"]
    date_hierarchy = "measured_at"


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ["station", "level", "raised_at", "peak_level_m", "cleared_at"]
