from django.contrib import admin

from .models import MeterAlert, ReadingBatch


@admin.register(ReadingBatch)
class ReadingBatchAdmin(admin.ModelAdmin):
    list_display = ("source_file", "received_at", "rows", "first_read_at", "last_read_at", "status")
    list_filter = ("status",)


@admin.register(MeterAlert)
class MeterAlertAdmin(admin.ModelAdmin):
    list_display = ("meter", "kind", "detail", "raised_at", "resolved_at")
    list_filter = ("kind",)
