from django.contrib import admin

from .models import FuelLogFile, FuelTransaction


@admin.register(FuelLogFile)
class FuelLogFileAdmin(admin.ModelAdmin):
    list_display = ("name", "depot", "log_date", "line_count", "unmatched_buses", "imported_at")
    list_filter = ("depot",)
    date_hierarchy = "log_date"


@admin.register(FuelTransaction)
class FuelTransactionAdmin(admin.ModelAdmin):
    list_display = ("dispensed_at", "pump", "fleet_number_raw", "bus", "litres", "fuel_type")
    list_filter = ("fuel_type", "pump__depot")
    search_fields = ("fleet_number_raw", "card_id")
    raw_id_fields = ("log_file", "bus")
