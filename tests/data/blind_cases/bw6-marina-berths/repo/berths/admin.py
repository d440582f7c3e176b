from django.contrib import admin

from .models import Berth, Stay, StayNight, WaitlistEntry


@admin.register(Berth)
class BerthAdmin(admin.ModelAdmin):
    list_display = ("code", "size", "nightly_rate", "finger_pontoon", "active")
    list_filter = ("size", "active")


class StayNightInline(admin.TabularInline):
    model = StayNight
    extra = 0
    readonly_fields = ("berth", "night")


@admin.register(Stay)
class StayAdmin(admin.ModelAdmin):
    list_display = ("pk", "boat_name", "owner_email", "berth", "arrival", "departure", "status", "source")
    list_filter = ("status", "source", "berth__size")
    search_fields = ("boat_name", "owner_email", "owner_name")
    date_hierarchy = "arrival"
    inlines = [StayNightInline]


@admin.register(WaitlistEntry)
class WaitlistEntryAdmin(admin.ModelAdmin):
    list_display = ("boat_name", "owner_email", "arrival", "departure", "status", "created_at")
    list_filter = ("status",)
