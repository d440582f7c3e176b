from django.contrib import admin

from .models import DailySummary, Reading, Station


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "river", "active")


@admin.register(Reading)
class ReadingAdmin(admin.ModelAdmin):
    list_display = ("station", "taken_at", "stage_mm", "quality")
    list_filter = ("station", "quality")
    date_hierarchy = "taken_at"


@admin.register(DailySummary)
class DailySummaryAdmin(admin.ModelAdmin):
    list_display = ("station", "day", "readings", "min_mm", "max_mm", "mean_mm")
