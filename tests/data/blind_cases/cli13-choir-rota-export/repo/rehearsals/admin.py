from django.contrib import admin

from .models import Attendance, Rehearsal, RotaDuty


class RotaDutyInline(admin.TabularInline):
    model = RotaDuty
    extra = 0
    autocomplete_fields = ("singer",)
    fk_name = "rehearsal"


@admin.register(Rehearsal)
class RehearsalAdmin(admin.ModelAdmin):
    list_display = ("starts_at", "kind", "venue", "cancelled")
    list_filter = ("kind", "cancelled")
    date_hierarchy = "starts_at"
    inlines = [RotaDutyInline]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ("rehearsal", "singer", "status", "noted_at")
    list_filter = ("status", "singer__section")
