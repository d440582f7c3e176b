from django.contrib import admin

from .models import Product, SkuRevenue, Store

admin.site.register(Store)
admin.site.register(Product)


@admin.register(SkuRevenue)
class SkuRevenueAdmin(admin.ModelAdmin):
    list_display = ("day", "store", "sku", "units", "revenue")
    list_filter = ("store",)
