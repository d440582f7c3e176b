from django.contrib import admin

from .models import AllocationAlert, IrrigationRun


@admin.register(IrrigationRun)
class IrrigationRunAdmin(admin.ModelAdmin):
    list_display = ("id", "zone", "scheduled_start", "status", "planned_liters", "delivered_liters")
    list_filter = ("status", "zone__farm")


admin.site.register(AllocationAlert)
