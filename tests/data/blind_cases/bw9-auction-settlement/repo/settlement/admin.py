from django.contrib import admin

from .models import BuyerInvoice, ConsignorStatement, InvoiceLine, StatementLine


class InvoiceLineInline(admin.TabularInline):
    model = InvoiceLine
    readonly_fields = ["lot", "hammer", "premium", "vat"]
    extra = 0
    can_delete = False


@admin.register(BuyerInvoice)
class BuyerInvoiceAdmin(admin.ModelAdmin):
    list_display = ["number", "sale", "bidder", "status", "total", "due_at", "paid_at"]
    list_filter = ["status", "sale"]
    search_fields = ["number", "bidder__name"]
    inlines = [InvoiceLineInline]


class StatementLineInline(admin.TabularInline):
    model = StatementLine
    readonly_fields = ["lot", "outcome", "hammer", "commission", "bids_received"]
    extra = 0
    can_delete = False


@admin.register(ConsignorStatement)
class ConsignorStatementAdmin(admin.ModelAdmin):
    list_display = ["number", "sale", "consignor", "lots_sold", "lots_passed", "net_payable"]
    list_filter = ["sale"]
    inlines = [StatementLineInline]
