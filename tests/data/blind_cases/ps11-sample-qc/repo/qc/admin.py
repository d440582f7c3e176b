from django.contrib import admin

from .models import LaneYield, QcRun


@admin.register(QcRun)
class QcRunAdmin(admin.ModelAdmin):
    list_display = ("run", "status", "total_samples", "failed_count", "started_at", "finished_at")
    list_filter = ("status",)
    readonly_fields = ("failed_samples", "failure_reasons", "thresholds")


@admin.register(LaneYield)
class LaneYieldAdmin(admin.ModelAdmin):
    list_display = ("run", "lane", "reads", "pf_pct", "pct_q30", "low_pf", "malformed_records")
    list_filter = ("low_pf",)
