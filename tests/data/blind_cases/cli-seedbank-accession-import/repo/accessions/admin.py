from django.contrib import admin

from .models import Accession, Collector, SeedLot, Species, Withdrawal

admin.site.register([Species, Collector, Withdrawal])


class SeedLotInline(admin.TabularInline):
    model = SeedLot
    extra = 0


@admin.register(Accession)
class AccessionAdmin(admin.ModelAdmin):
    list_display = ("number", "species", "collector", "field_number", "collected_on", "estimated_seeds", "received_at")
    list_filter = ("collector", "species__family")
    search_fields = ("number", "field_number", "species__genus", "species__epithet")
    inlines = [SeedLotInline]
