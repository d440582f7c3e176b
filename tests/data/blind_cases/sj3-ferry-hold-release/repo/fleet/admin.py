from django.contrib import admin

from .models import Port, Route, Sailing, Vessel

admin.site.register(Port)
admin.site.register(Vessel)
admin.site.register(Route)


@admin.register(Sailing)
class SailingAdmin(admin.ModelAdmin):
    list_display = ("route", "departs_at", "vessel", "status", "delay_minutes", "manifest_sent_at")
    list_filter = ("status", "route")
