from django.contrib import admin

from .models import Project, Sample, SequencingRun


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "pi_name", "created_at")
    search_fields = ("code", "title", "pi_name")


@admin.register(SequencingRun)
class SequencingRunAdmin(admin.ModelAdmin):
    list_display = ("run_id", "instrument", "flowcell", "status", "completed_at")
    list_filter = ("status", "instrument")


@admin.register(Sample)
class SampleAdmin(admin.ModelAdmin):
    list_display = ("sample_id", "project", "run", "status", "released_at")
    list_filter = ("status",)
    search_fields = ("sample_id", "name")
