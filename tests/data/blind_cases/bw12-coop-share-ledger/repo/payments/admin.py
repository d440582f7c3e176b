from django.contrib import admin, messages

from .models import BankTransaction
from .tasks import apply_bank_payment


@admin.register(BankTransaction)
class BankTransactionAdmin(admin.ModelAdmin):
    list_display = ("booked_on", "bank_id", "amount", "counterparty_name", "remittance_info", "member",
                    "purpose", "status")
    list_filter = ("status", "purpose", "booked_on")
    search_fields = ("bank_id", "counterparty_name", "remittance_info", "counterparty_iban")
    raw_id_fields = ("member",)
    actions = ["queue_apply"]

    @admin.action(description="Apply selected matched payments")
    def queue_apply(self, request, queryset):
        ids = list(queryset.filter(status=BankTransaction.Status.MATCHED).values_list("pk", flat=True))
        for pk in ids:
            apply_bank_payment(pk)
        self.message_user(request, f"{len(ids)} payment(s) queued", messages.SUCCESS)
