from django.contrib import admin

from .models import Technician, Timesheet, WorkOrder


@admin.register(Technician)
class TechnicianAdmin(admin.ModelAdmin):
    list_display = ("employee_no", "name", "home_site", "regular_hours", "overtime_hours", "monthly_cap")
    search_fields = ("employee_no", "name")


@admin.register(WorkOrder)
class WorkOrderAdmin(admin.ModelAdmin):
    list_display = ("number", "turbine", "title", "status", "estimated_hours", "labour_hours")
    list_filter = ("status",)


@admin.register(Timesheet)
class TimesheetAdmin(admin.ModelAdmin):
    list_display = ("technician", "work_date", "hours", "kind", "status", "regular_hours", "overtime_hours")
    list_filter = ("status", "kind")
