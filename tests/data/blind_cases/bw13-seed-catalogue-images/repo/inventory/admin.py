from django.contrib import admin

from .models import GerminationTest, SeedLot


class GerminationTestInline(admin.TabularInline):
    model = GerminationTest
    extra = 0


@admin.register(SeedLot)
class SeedLotAdmin(admin.ModelAdmin):
    list_display = ("lot_code", "variety", "harvest_year", "packets_available", "needs_germination_test")
    list_filter = ("needs_germination_test", "is_withdrawn", "harvest_year")
    search_fields = ("lot_code", "variety__name")
    inlines = [GerminationTestInline]
