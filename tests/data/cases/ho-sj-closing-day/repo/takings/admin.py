from django.contrib import admin

from .models import DailyTakings


@admin.register(DailyTakings)
class DailyTakingsAdmin(admin.ModelAdmin):
    list_display = ("business_day", "store", "gross_yen", "sales", "refunds", "closed_at")
