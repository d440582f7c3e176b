from django.contrib import admin

from .models import Site, Turbine


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind")


@admin.register(Turbine)
class TurbineAdmin(admin.ModelAdmin):
    list_display = ("tag", "site", "operating_hours", "hours_until_service", "last_service_at")
    list_filter = ("site",)
