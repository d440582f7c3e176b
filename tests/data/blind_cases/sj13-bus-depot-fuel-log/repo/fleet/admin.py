from django.contrib import admin

from .models import Bus, Depot, Pump


class PumpInline(admin.TabularInline):
    model = Pump
    extra = 0


@admin.register(Depot)
class DepotAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    inlines = [PumpInline]


@admin.register(Bus)
class BusAdmin(admin.ModelAdmin):
    list_display = ("fleet_number", "registration", "depot", "model_name", "active")
    list_filter = ("depot", "active")
    search_fields = ("fleet_number", "registration")
