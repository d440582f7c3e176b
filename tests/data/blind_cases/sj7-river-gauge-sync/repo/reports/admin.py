from django.contrib import admin

from .models import DailySummary, JobFlag


@admin.register(DailySummary)
class DailySummaryAdmin(admin.ModelAdmin):
    list_display = ["station", "day", "readings", "min_level_m", "max_level_m", "mean_level_m"]


@admin.register(JobFlag)
class JobFlagAdmin(admin.ModelAdmin):
    list_display = ["name", "running_since", "owner", "last_finished_at"]
