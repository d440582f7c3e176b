from django.contrib import admin

from .models import Material, PriceHistory


@admin.register(Material)
class MaterialAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "buyer_price_per_tonne", "price_updated_at", "accepting")


@admin.register(PriceHistory)
class PriceHistoryAdmin(admin.ModelAdmin):
    list_display = ("material", "quoted_on", "price_per_tonne", "fetched_at")
    list_filter = ("material",)
