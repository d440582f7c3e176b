from django.contrib import admin

from .models import PowerCurvePoint, Turbine, TurbineModel, WindFarm


class PowerCurveInline(admin.TabularInline):
    model = PowerCurvePoint
    extra = 0


@admin.register(TurbineModel)
class TurbineModelAdmin(admin.ModelAdmin):
    list_display = ("code", "manufacturer", "rated_kw")
    inlines = [PowerCurveInline]


@admin.register(Turbine)
class TurbineAdmin(admin.ModelAdmin):
    list_display = ("__str__", "scada_tag", "model", "active")
    list_filter = ("farm", "model", "active")


admin.site.register(WindFarm)
