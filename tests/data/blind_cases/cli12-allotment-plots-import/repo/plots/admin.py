from django.contrib import admin

from .models import Plot, Site


class PlotInline(admin.TabularInline):
    model = Plot
    extra = 0
    fields = ["number", "area_m2", "standard_fee", "has_shed", "is_lettable"]


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "address"]
    inlines = [PlotInline]


@admin.register(Plot)
class PlotAdmin(admin.ModelAdmin):
    list_display = ["number", "site", "area_m2", "standard_fee", "has_shed", "is_lettable"]
    list_filter = ["site", "is_lettable", "has_shed"]
    search_fields = ["number"]
