from django.contrib import admin

from .models import Absence, Rider, Route, RouteSheet, SheetLine, Stop


class StopInline(admin.TabularInline):
    model = Stop
    extra = 0


@admin.register(Route)
class RouteAdmin(admin.ModelAdmin):
    list_display = ("code", "school", "driver", "bus_number", "active")
    inlines = [StopInline]


@admin.register(Rider)
class RiderAdmin(admin.ModelAdmin):
    list_display = ("student", "stop", "days", "active")
    list_filter = ("stop__route",)


@admin.register(Absence)
class AbsenceAdmin(admin.ModelAdmin):
    list_display = ("student", "starts_on", "ends_on", "reported_at", "reported_by")
    date_hierarchy = "starts_on"


class SheetLineInline(admin.TabularInline):
    model = SheetLine
    extra = 0


@admin.register(RouteSheet)
class RouteSheetAdmin(admin.ModelAdmin):
    list_display = ("route", "day", "stage", "built_at", "riders", "absent")
    list_filter = ("stage", "route")
    inlines = [SheetLineInline]
