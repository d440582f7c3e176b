from django.contrib import admin

from .models import DailyRainfall, RainReading


@admin.register(RainReading)
class RainReadingAdmin(admin.ModelAdmin):
    list_display = ("gauge_id", "recorded_at", "mm")
    list_filter = ("gauge_id",)
    date_hierarchy = "recorded_at"


@admin.register(DailyRainfall)
class DailyRainfallAdmin(admin.ModelAdmin):
    list_display = ("day", "total_mm", "peak_10min_mm", "readings", "computed_at")
