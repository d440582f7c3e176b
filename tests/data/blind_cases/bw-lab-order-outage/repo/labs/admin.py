from django.contrib import admin

from .models import LabOrder, LabResult, LabTest


@admin.register(LabTest)
class LabTestAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "sample_type", "active"]


class LabResultInline(admin.TabularInline):
    model = LabResult
    extra = 0


@admin.register(LabOrder)
class LabOrderAdmin(admin.ModelAdmin):
    list_display = ["pk", "appointment", "ordered_by", "status", "accession", "attempts", "created_at"]
    list_filter = ["status"]
    inlines = [LabResultInline]
