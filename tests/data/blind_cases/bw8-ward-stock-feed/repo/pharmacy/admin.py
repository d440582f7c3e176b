from django.contrib import admin

from .models import DispensingEvent, Drug, LowStockAlert, StockLevel, SyncRun, Ward


@admin.register(Ward)
class WardAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "active", "last_synced_at")


@admin.register(Drug)
class DrugAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "unit", "controlled")
    search_fields = ("code", "name")


@admin.register(StockLevel)
class StockLevelAdmin(admin.ModelAdmin):
    list_display = ("ward", "drug", "quantity", "par_level", "feed_updated_at")
    list_filter = ("ward",)


@admin.register(SyncRun)
class SyncRunAdmin(admin.ModelAdmin):
    list_display = ("ward", "finished_at", "status", "lines", "skipped", "note")
    list_filter = ("status", "ward")


@admin.register(DispensingEvent)
class DispensingEventAdmin(admin.ModelAdmin):
    list_display = ("ward", "drug", "quantity", "dispensed_at", "pushed_at")


@admin.register(LowStockAlert)
class LowStockAlertAdmin(admin.ModelAdmin):
    list_display = ("ward", "drug", "quantity", "par_level", "raised_at", "emailed")
