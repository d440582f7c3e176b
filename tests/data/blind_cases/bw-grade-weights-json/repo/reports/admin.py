from django.contrib import admin

from .models import ReportCard


@admin.register(ReportCard)
class ReportCardAdmin(admin.ModelAdmin):
    list_display = ["enrollment", "percent", "letter", "computed_at", "published_at"]
