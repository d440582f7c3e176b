from django.contrib import admin

from .models import CompensationTariff, CurtailmentLoss, CurtailmentOrder, StatusCode, TurbineAvailability


@admin.register(CurtailmentOrder)
class CurtailmentOrderAdmin(admin.ModelAdmin):
    list_display = ("order_ref", "farm", "reason", "starts_at", "ends_at", "setpoint_kw")
    list_filter = ("farm", "reason")
    date_hierarchy = "starts_at"


@admin.register(CompensationTariff)
class CompensationTariffAdmin(admin.ModelAdmin):
    list_display = ("farm", "reason", "rate_eur_per_mwh", "valid_from", "valid_to", "contract_ref")
    list_filter = ("farm", "reason")


@admin.register(CurtailmentLoss)
class CurtailmentLossAdmin(admin.ModelAdmin):
    list_display = ("day", "turbine", "reason", "curtailed_minutes", "lost_kwh", "compensation_eur")
    list_filter = ("reason", "turbine__farm")
    date_hierarchy = "day"


admin.site.register(StatusCode)
admin.site.register(TurbineAvailability)
