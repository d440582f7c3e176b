from django.contrib import admin

from .models import FineCharge, Hold, Loan, Patron


@admin.register(Patron)
class PatronAdmin(admin.ModelAdmin):
    list_display = ["card_number", "name", "home_branch", "balance", "blocked"]
    search_fields = ["card_number", "name", "email"]


@admin.register(Loan)
class LoanAdmin(admin.ModelAdmin):
    list_display = ["pk", "copy", "patron", "branch", "due_on", "returned_at"]
    list_filter = ["branch"]
    raw_id_fields = ["copy", "patron"]


@admin.register(FineCharge)
class FineChargeAdmin(admin.ModelAdmin):
    list_display = ["loan", "patron", "day", "amount", "waived"]
    raw_id_fields = ["loan", "patron"]


admin.site.register(Hold)
