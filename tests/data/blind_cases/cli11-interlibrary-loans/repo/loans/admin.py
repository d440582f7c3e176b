from django.contrib import admin

from .models import Loan, LoanEvent


class LoanEventInline(admin.TabularInline):
    model = LoanEvent
    extra = 0
    readonly_fields = ("kind", "at", "source", "note")


@admin.register(Loan)
class LoanAdmin(admin.ModelAdmin):
    list_display = ("ill_number", "item_barcode", "title", "lending_library", "borrowing_library",
                    "status", "due_date", "is_overdue")
    list_filter = ("status", "is_overdue", "lending_library", "borrowing_library")
    search_fields = ("ill_number", "item_barcode", "title", "patron_ref")
    date_hierarchy = "shipped_at"
    inlines = [LoanEventInline]
