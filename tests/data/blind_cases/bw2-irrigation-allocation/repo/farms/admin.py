from django.contrib import admin

from .models import AllocationTransfer, Farm, SeasonAllocation, Valve, Zone


@admin.register(SeasonAllocation)
class SeasonAllocationAdmin(admin.ModelAdmin):
    list_display = ("farm", "season_start", "season_end", "allocated_liters", "remaining_liters")
    readonly_fields = ("remaining_liters",)


admin.site.register([Farm, Valve, Zone, AllocationTransfer])
