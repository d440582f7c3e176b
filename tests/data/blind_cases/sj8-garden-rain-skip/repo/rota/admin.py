from django.contrib import admin

from .models import WateringShift


@admin.register(WateringShift)
class WateringShiftAdmin(admin.ModelAdmin):
    list_display = ("day", "slot", "gardener", "status", "reminded_at")
    list_filter = ("status", "slot")
    date_hierarchy = "day"
    filter_horizontal = ("beds",)
