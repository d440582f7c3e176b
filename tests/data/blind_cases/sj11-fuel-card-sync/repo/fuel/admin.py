from django.contrib import admin

from .models import FuelTransaction, SyncCursor


@admin.register(FuelTransaction)
class FuelTransactionAdmin(admin.ModelAdmin):
    list_display = ("provider_txn_id", "occurred_at", "vehicle", "status", "product", "litres", "amount",
                    "site_name", "anomaly")
    list_filter = ("status", "product", "vehicle__depot")
    search_fields = ("provider_txn_id", "card_number", "vehicle__fleet_number", "site_name")
    date_hierarchy = "occurred_at"
    raw_id_fields = ("card", "vehicle")
    readonly_fields = ("raw", "created_at", "booked_at", "anomaly_checked_at")


@admin.register(SyncCursor)
class SyncCursorAdmin(admin.ModelAdmin):
    list_display = ("name", "position", "updated_at")
