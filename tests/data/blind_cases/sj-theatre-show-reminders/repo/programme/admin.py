from django.contrib import admin

from .models import Performance, Production, Venue

admin.site.register([Venue, Production])


@admin.register(Performance)
class PerformanceAdmin(admin.ModelAdmin):
    list_display = ("production", "venue", "starts_at", "cancelled")
    list_filter = ("venue", "cancelled")
    date_hierarchy = "starts_at"
