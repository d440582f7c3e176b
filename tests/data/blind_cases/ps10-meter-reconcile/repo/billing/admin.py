from django.contrib import admin

from .models import BillingPeriod, Household, Meter, Reconciliation, Tariff


@admin.register(Tariff)
class TariffAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "unit_rate", "standing_charge")


@admin.register(Household)
class HouseholdAdmin(admin.ModelAdmin):
    list_display = ("account_number", "holder_name", "postcode", "tariff")
    search_fields = ("account_number", "holder_name", "postcode")


@admin.register(Meter)
class MeterAdmin(admin.ModelAdmin):
    list_display = ("serial", "household", "installed_on", "removed_on", "is_smart")
    search_fields = ("serial",)


@admin.register(BillingPeriod)
class BillingPeriodAdmin(admin.ModelAdmin):
    list_display = ("household", "meter", "start", "end", "billed_kwh", "estimated", "status")
    list_filter = ("status", "estimated")
    date_hierarchy = "start"


@admin.register(Reconciliation)
class ReconciliationAdmin(admin.ModelAdmin):
    list_display = ("period", "measured_kwh", "difference_kwh", "readings", "gaps", "outcome", "created_at")
    list_filter = ("outcome",)
