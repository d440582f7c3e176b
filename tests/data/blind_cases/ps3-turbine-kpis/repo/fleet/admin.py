from django.contrib import admin

from .models import AlarmDowntime, MaintenanceTicket, MonthlyTurbineKPI, Turbine, WindFarm


@admin.register(Turbine)
class TurbineAdmin(admin.ModelAdmin):
    list_display = ("turbine_id", "farm", "model", "rated_kw", "active")
    list_filter = ("farm", "active")


@admin.register(MonthlyTurbineKPI)
class MonthlyTurbineKPIAdmin(admin.ModelAdmin):
    list_display = ("turbine", "month", "energy_mwh", "availability_pct", "capacity_factor")
    list_filter = ("month", "turbine__farm")


admin.site.register(WindFarm)
admin.site.register(MaintenanceTicket)
admin.site.register(AlarmDowntime)
