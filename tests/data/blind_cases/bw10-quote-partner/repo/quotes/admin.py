from django.contrib import admin

from .models import PartnerQuote, Policy, QuoteRequest


class PartnerQuoteInline(admin.TabularInline):
    model = PartnerQuote
    extra = 0
    readonly_fields = ["partner", "status", "premium", "currency", "attempts", "last_error", "responded_at"]


@admin.register(QuoteRequest)
class QuoteRequestAdmin(admin.ModelAdmin):
    list_display = ["reference", "product_line", "customer_name", "status", "created_at"]
    list_filter = ["status", "product_line"]
    search_fields = ["reference", "customer_email"]
    inlines = [PartnerQuoteInline]


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin):
    list_display = ["partner_quote", "status", "policy_number", "created_at", "bound_at"]
    list_filter = ["status"]
