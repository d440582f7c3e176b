from django.contrib import admin

from .models import ChargingSession


@admin.register(ChargingSession)
class ChargingSessionAdmin(admin.ModelAdmin):
    list_display = ("transaction_id", "charger", "status", "started_at", "ended_at", "energy_wh", "energy_amount")
    list_filter = ("status", "charger__site")
    search_fields = ("transaction_id", "id_tag")
    date_hierarchy = "ended_at"
