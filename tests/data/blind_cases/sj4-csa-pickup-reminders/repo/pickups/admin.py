from django.contrib import admin

from .models import BoxAllocation, PickupDay, PickupSite


@admin.register(PickupSite)
class PickupSiteAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "weekday", "opens_at", "closes_at", "active")


@admin.register(PickupDay)
class PickupDayAdmin(admin.ModelAdmin):
    list_display = ("site", "date", "opens_at", "skip_deadline", "closed_at")
    list_filter = ("site",)


@admin.register(BoxAllocation)
class BoxAllocationAdmin(admin.ModelAdmin):
    list_display = ("share", "pickup_day", "status")
    list_filter = ("status", "pickup_day__site")
