from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Sum

from members.models import ShareAccount, ShareTransaction

CENTS = Decimal("0.01")


class Command(BaseCommand):
    help = "Compare every share account balance with the sum of its ledger entries."

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true",
                            help="book a correction entry so the balance matches the ledger")

    def handle(self, *args, fix=False, **options):
        mismatches = 0
        for account in ShareAccount.objects.select_related("member").order_by("member__member_number"):
            ledger = (account.entries.aggregate(total=Sum("amount"))["total"] or CENTS).quantize(CENTS)
            if ledger == account.balance:
                continue
            mismatches += 1
            self.stdout.write(
                f"member {account.member.member_number:05d}: balance {account.balance}, ledger {ledger}, "
                f"difference {ledger - account.balance}"
            )
            if fix:
                with transaction.atomic():
                    locked = ShareAccount.objects.select_for_update().get(pk=account.pk)
                    diff = ledger - locked.balance
                    locked.balance = ledger
                    locked.save(update_fields=["balance", "updated_at"])
                    ShareTransaction.objects.create(
                        account=locked, kind=ShareTransaction.Kind.CORRECTION, amount=Decimal("0.00"),
                        balance_after=locked.balance, note=f"reconciliation: balance corrected by {diff}",
                    )
        self.stdout.write(f"{mismatches} share account(s) out of balance")
        return None
