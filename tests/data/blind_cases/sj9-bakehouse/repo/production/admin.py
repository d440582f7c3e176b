from django.contrib import admin

from .models import BakeryHoliday, Drop, OneOffOrder, Product, ProductionSheet, SheetLine, StandingOrder


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ("sku", "name", "category", "unit", "batch_size", "active")
    list_filter = ("category", "active")


@admin.register(StandingOrder)
class StandingOrderAdmin(admin.ModelAdmin):
    list_display = ("customer", "weekday", "product", "quantity", "starts_on", "ends_on")
    list_filter = ("weekday", "customer__route")
    search_fields = ("customer__code", "product__sku")


@admin.register(OneOffOrder)
class OneOffOrderAdmin(admin.ModelAdmin):
    list_display = ("delivery_day", "customer", "product", "quantity", "cancelled")
    list_filter = ("cancelled",)
    date_hierarchy = "delivery_day"


admin.site.register(BakeryHoliday)


class SheetLineInline(admin.TabularInline):
    model = SheetLine
    extra = 0


class DropInline(admin.TabularInline):
    model = Drop
    extra = 0


@admin.register(ProductionSheet)
class ProductionSheetAdmin(admin.ModelAdmin):
    list_display = ("day", "status", "built_at", "skipped_closed", "skipped_paused")
    inlines = [SheetLineInline, DropInline]
    readonly_fields = ("built_at", "locked_at")
