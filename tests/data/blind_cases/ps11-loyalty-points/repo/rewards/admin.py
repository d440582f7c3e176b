from django.contrib import admin

from .models import PointsLedger, PointsRun, StoreDailySales


@admin.register(PointsRun)
class PointsRunAdmin(admin.ModelAdmin):
    list_display = ("business_date", "status", "receipts_seen", "members_credited", "points_awarded", "finished_at")
    list_filter = ("status",)
    readonly_fields = ("started_at", "finished_at", "error")


@admin.register(PointsLedger)
class PointsLedgerAdmin(admin.ModelAdmin):
    list_display = ("member", "kind", "business_date", "points", "receipts", "spend", "run")
    list_filter = ("kind",)
    search_fields = ("member__card_number",)
    raw_id_fields = ("member", "run")


@admin.register(StoreDailySales)
class StoreDailySalesAdmin(admin.ModelAdmin):
    list_display = ("store", "business_date", "receipts", "member_receipts", "revenue", "member_revenue")
    list_filter = ("store",)
    date_hierarchy = "business_date"
