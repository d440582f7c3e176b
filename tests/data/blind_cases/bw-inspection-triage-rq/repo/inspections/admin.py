from django.contrib import admin

from .models import Defect, Inspection


class DefectInline(admin.TabularInline):
    model = Defect
    extra = 0


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin):
    list_display = ["pk", "vehicle", "driver", "kind", "status", "outcome", "triage_job_id", "submitted_at"]
    list_filter = ["status", "outcome"]
    inlines = [DefectInline]
