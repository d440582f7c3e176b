from django.contrib import admin

from .models import JobRun


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin):
    list_display = ("name", "arguments", "status", "started_at", "finished_at", "error")
    list_filter = ("status", "name")
    search_fields = ("arguments", "task_id")
