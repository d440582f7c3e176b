from django.contrib import admin

from .models import Invoice, Payment


class PaymentInline(admin.TabularInline):
    model = Payment
    extra = 0


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = ("number", "holder_name", "amount", "credit", "status", "issued_at", "due_on")
    list_filter = ("season", "status")
    search_fields = ("number", "holder_name", "holder_email")
    readonly_fields = ("superseded_by",)
    inlines = [PaymentInline]
