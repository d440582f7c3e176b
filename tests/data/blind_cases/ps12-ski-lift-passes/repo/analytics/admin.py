from django.contrib import admin

from .models import DailyRidership, LiftHourlyUtilisation, ManualLiftCount


@admin.register(DailyRidership)
class DailyRidershipAdmin(admin.ModelAdmin):
    list_display = ("ride_date", "resort", "pass_type", "scans", "unique_passes", "computed_at")
    list_filter = ("resort", "pass_type")
    date_hierarchy = "ride_date"


@admin.register(ManualLiftCount)
class ManualLiftCountAdmin(admin.ModelAdmin):
    list_display = ("ride_date", "lift", "hour", "rides", "counted_by")
    list_filter = ("lift__resort",)


@admin.register(LiftHourlyUtilisation)
class LiftHourlyUtilisationAdmin(admin.ModelAdmin):
    list_display = ("ride_date", "lift", "hour", "rides", "utilisation")
    list_filter = ("lift__resort",)
