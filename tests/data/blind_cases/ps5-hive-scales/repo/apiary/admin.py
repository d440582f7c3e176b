from django.contrib import admin

from .models import Apiary, Hive, Inspection, Scale, SwarmAlert, UnclaimedScale


@admin.register(Hive)
class HiveAdmin(admin.ModelAdmin):
    list_display = ("tag", "apiary", "name", "status", "queen_year")
    list_filter = ("apiary", "status")


@admin.register(Scale)
class ScaleAdmin(admin.ModelAdmin):
    list_display = ("device_eui", "hive", "installed_on", "is_active", "battery_low_since")
    list_filter = ("is_active",)
    search_fields = ("device_eui", "hive__tag")


@admin.register(UnclaimedScale)
class UnclaimedScaleAdmin(admin.ModelAdmin):
    list_display = ("device_eui", "first_seen_on", "last_seen_on")
    search_fields = ("device_eui",)


@admin.register(SwarmAlert)
class SwarmAlertAdmin(admin.ModelAdmin):
    list_display = ("hive", "detected_at", "drop_kg", "notified_at")


admin.site.register(Apiary)
admin.site.register(Inspection)
