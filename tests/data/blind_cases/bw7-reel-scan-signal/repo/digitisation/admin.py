from django.contrib import admin

from .models import DigitisationRequest, ScanBatch, Scanner


class CollectionsAdmin(admin.ModelAdmin):
    """Admin that reads and writes through the collections database."""

    def get_queryset(self, request):
        return super().get_queryset(request).using("collections")


@admin.register(Scanner)
class ScannerAdmin(CollectionsAdmin):
    list_display = ("name", "gauges", "nitrate_rated", "booked_minutes", "weekly_capacity_minutes", "active")


@admin.register(DigitisationRequest)
class DigitisationRequestAdmin(CollectionsAdmin):
    list_display = ("pk", "film", "requested_by", "priority", "status", "scanner", "submitted_at")
    list_filter = ("status", "priority")


@admin.register(ScanBatch)
class ScanBatchAdmin(CollectionsAdmin):
    list_display = ("pk", "request", "scanner", "reel_count", "total_footage_ft", "status")
