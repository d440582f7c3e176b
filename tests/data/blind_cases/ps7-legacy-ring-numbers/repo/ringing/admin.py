from django.contrib import admin

from .models import Ringer, RingSeries, SeasonSummary, Site, Species


@admin.register(Species)
class SpeciesAdmin(admin.ModelAdmin):
    list_display = ("code", "euring", "name", "ring_size")
    search_fields = ("code", "name", "scientific_name")


@admin.register(SeasonSummary)
class SeasonSummaryAdmin(admin.ModelAdmin):
    list_display = ("year", "species", "new_birds", "retraps_same_season", "retraps_earlier_seasons", "controls",
                    "oldest_years", "submitted")
    list_filter = ("year", "submitted")


@admin.register(RingSeries)
class RingSeriesAdmin(admin.ModelAdmin):
    list_display = ("size", "first_number", "last_number", "used")


admin.site.register(Site)
admin.site.register(Ringer)
