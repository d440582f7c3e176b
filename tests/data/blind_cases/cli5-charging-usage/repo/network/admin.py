from django.contrib import admin

from .models import Charger, Site


class ChargerInline(admin.TabularInline):
    model = Charger
    extra = 0


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "city", "host_name", "active")
    search_fields = ("code", "name", "host_name")
    inlines = [ChargerInline]
