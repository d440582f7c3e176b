from django.contrib import admin

from .models import ChartEntry


@admin.register(ChartEntry)
class ChartEntryAdmin(admin.ModelAdmin):
    list_display = ("week", "category", "rank", "podcast", "downloads")
    list_filter = ("week", "category")
