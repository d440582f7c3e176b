from django.contrib import admin

from .models import CareTask, DailyReport


@admin.register(CareTask)
class CareTaskAdmin(admin.ModelAdmin):
    list_display = ("stay", "kind", "flag", "due_at", "done_at", "done_by")
    list_filter = ("kind", "done_at")


@admin.register(DailyReport)
class DailyReportAdmin(admin.ModelAdmin):
    list_display = ("stay", "day", "sent_at")
