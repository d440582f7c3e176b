from django.contrib import admin

from .models import Closure, Lane, Pool, TimetableEntry


class LaneInline(admin.TabularInline):
    model = Lane
    extra = 0


@admin.register(Pool)
class PoolAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "length_m", "is_active")
    inlines = [LaneInline]


@admin.register(TimetableEntry)
class TimetableEntryAdmin(admin.ModelAdmin):
    list_display = ("pool", "activity", "weekday", "start_time", "end_time", "places_per_lane", "is_active")
    list_filter = ("pool", "activity", "weekday", "is_active")
    filter_horizontal = ("lanes",)


@admin.register(Closure)
class ClosureAdmin(admin.ModelAdmin):
    list_display = ("pool", "starts_on", "ends_on", "reason")
    list_filter = ("pool",)
    date_hierarchy = "starts_on"
