from django.contrib import admin

from .models import CheckIn, ExportRun, OccupancySnapshot


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ("at", "member", "gym", "door", "method")
    list_filter = ("gym", "method")
    raw_id_fields = ("member",)
    date_hierarchy = "at"
    show_full_result_count = False


@admin.register(OccupancySnapshot)
class OccupancySnapshotAdmin(admin.ModelAdmin):
    list_display = ("gym", "taken_at", "climbers")
    list_filter = ("gym",)


@admin.register(ExportRun)
class ExportRunAdmin(admin.ModelAdmin):
    list_display = ("day", "rows", "path", "finished_at")
