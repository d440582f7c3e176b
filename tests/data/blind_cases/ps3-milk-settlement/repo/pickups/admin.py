from django.contrib import admin

from .models import DailyMilkSupply, Tanker, WarmTankAlert


@admin.register(DailyMilkSupply)
class DailyMilkSupplyAdmin(admin.ModelAdmin):
    list_display = ("farm", "day", "litres", "fat_kg", "protein_kg", "max_temp_c", "amount")
    list_filter = ("day",)


admin.site.register(Tanker)
admin.site.register(WarmTankAlert)
