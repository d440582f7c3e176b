from django.contrib import admin

from .models import ImportCursor, JobLock, PositionReport


@admin.register(PositionReport)
class PositionReportAdmin(admin.ModelAdmin):
    list_display = ("vehicle", "recorded_at", "line", "speed_kmh", "doors_open")
    list_filter = ("line",)
    date_hierarchy = "recorded_at"
    raw_id_fields = ("vehicle",)


@admin.register(ImportCursor)
class ImportCursorAdmin(admin.ModelAdmin):
    list_display = ("name", "position", "updated_at")


@admin.register(JobLock)
class JobLockAdmin(admin.ModelAdmin):
    list_display = ("name", "owner", "acquired_at", "expires_at")
