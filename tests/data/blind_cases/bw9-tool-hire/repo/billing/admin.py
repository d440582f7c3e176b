from django.contrib import admin

from .models import DepositRefund, Invoice, InvoiceLine


class InvoiceLineInline(admin.TabularInline):
    model = InvoiceLine
    extra = 0


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = ("number", "rental", "status", "extras_total", "deposit_applied", "refund_due", "issued_at")
    list_filter = ("status",)
    inlines = [InvoiceLineInline]


@admin.register(DepositRefund)
class DepositRefundAdmin(admin.ModelAdmin):
    list_display = ("rental", "amount", "status", "requested_on", "sent_at", "gateway_ref")
    list_filter = ("status",)
