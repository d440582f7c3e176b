from django.contrib import admin

from .models import CirculationStat, ReturnStat, StatsRun


@admin.register(CirculationStat)
class CirculationStatAdmin(admin.ModelAdmin):
    list_display = ("month", "branch", "genre", "checkouts", "renewals", "borrowers")
    list_filter = ("month", "branch", "genre")


@admin.register(ReturnStat)
class ReturnStatAdmin(admin.ModelAdmin):
    list_display = ("month", "region", "returns", "late_returns")
    list_filter = ("month", "region")


@admin.register(StatsRun)
class StatsRunAdmin(admin.ModelAdmin):
    list_display = ("report", "month", "started_at", "finished_at", "rows", "ok")
    readonly_fields = ("error",)
