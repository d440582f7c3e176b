from django.contrib import admin
from django.utils import timezone

from .models import Bid, Bidder, Consignor, Lot, Sale


@admin.register(Consignor)
class ConsignorAdmin(admin.ModelAdmin):
    list_display = ["account_code", "name", "commission_rate"]
    search_fields = ["account_code", "name"]


@admin.register(Bidder)
class BidderAdmin(admin.ModelAdmin):
    list_display = ["paddle", "name", "country", "vat_exempt", "blocked"]
    list_filter = ["blocked", "vat_exempt", "country"]
    search_fields = ["name", "email"]


class LotInline(admin.TabularInline):
    model = Lot
    fields = ["number", "title", "consignor", "reserve", "status", "hammer_price", "buyer"]
    readonly_fields = ["hammer_price", "buyer"]
    extra = 0


@admin.register(Sale)
class SaleAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "status", "opens_at", "closes_at", "settled_at"]
    list_filter = ["status"]
    inlines = [LotInline]


@admin.action(description="Void selected bids")
def void_bids(modeladmin, request, queryset):
    queryset.filter(voided_at__isnull=True).update(voided_at=timezone.now(), void_reason="voided in admin")


@admin.register(Bid)
class BidAdmin(admin.ModelAdmin):
    list_display = ["lot", "bidder", "amount", "source", "placed_at", "voided_at"]
    list_filter = ["source"]
    raw_id_fields = ["lot", "bidder"]
    actions = [void_bids]
