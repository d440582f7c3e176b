from django.contrib import admin

from .models import DailySummary, PollRun, Reading, Station


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "protocol", "active", "last_observed_at", "consecutive_failures")
    list_filter = ("active", "protocol")
    search_fields = ("code", "name")


@admin.register(Reading)
class ReadingAdmin(admin.ModelAdmin):
    list_display = ("station", "observed_at", "air_temp_c", "relative_humidity", "precipitation_mm", "qc_flags")
    list_filter = ("station",)
    date_hierarchy = "observed_at"
    raw_id_fields = ("station",)


@admin.register(PollRun)
class PollRunAdmin(admin.ModelAdmin):
    list_display = ("started_at", "finished_at", "stations_polled", "stations_failed", "readings_stored")


@admin.register(DailySummary)
class DailySummaryAdmin(admin.ModelAdmin):
    list_display = ("station", "date", "air_temp_min", "air_temp_max", "precipitation_total", "growing_degree_days")
    list_filter = ("station",)
    date_hierarchy = "date"
