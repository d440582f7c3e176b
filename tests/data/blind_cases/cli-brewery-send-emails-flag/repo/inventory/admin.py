from django.contrib import admin

from .models import Ingredient, StockLevel


@admin.register(Ingredient)
class IngredientAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "reorder_level_kg", "supplier")


@admin.register(StockLevel)
class StockLevelAdmin(admin.ModelAdmin):
    list_display = ("site", "ingredient", "quantity_kg", "counted_at", "flagged_at")
    list_filter = ("site",)
