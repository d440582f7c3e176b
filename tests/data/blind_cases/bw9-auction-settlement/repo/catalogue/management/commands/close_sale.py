from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from catalogue.models import Sale
from gavelhouse.queues import enqueue
from settlement.jobs import settle_sale
from settlement.services import SaleSettlement, SettlementError


class Command(BaseCommand):
    help = "Close a sale for bidding and settle it (queued on the settlement worker unless --settle-now)."

    def add_arguments(self, parser):
        parser.add_argument("code", help="sale code, e.g. SPRING24")
        parser.add_argument("--force", action="store_true", help="close even if the closing time is in the future")
        parser.add_argument("--settle-now", action="store_true", help="settle in this process instead of queueing")

    def handle(self, *args, code, force, settle_now, **options):
        try:
            sale = Sale.objects.get(code=code)
        except Sale.DoesNotExist:
            raise CommandError(f"no sale with code {code!r}") from None

        if sale.status in (Sale.Status.DRAFT, Sale.Status.SETTLED):
            raise CommandError(f"sale {code} is {sale.get_status_display().lower()}, nothing to close")
        if sale.status == Sale.Status.OPEN:
            if sale.closes_at > timezone.now() and not force:
                raise CommandError(f"sale {code} closes at {sale.closes_at:%Y-%m-%d %H:%M}; use --force to close now")
            with transaction.atomic():
                updated = Sale.objects.filter(pk=sale.pk, status=Sale.Status.OPEN).update(status=Sale.Status.CLOSED)
            if not updated:
                raise CommandError(f"sale {code} changed while closing it, try again")
            sale.refresh_from_db()
            self.stdout.write(f"closed {code}")

        if settle_now:
            try:
                summary = SaleSettlement(sale).run()
            except SettlementError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(
                f"settled {code}: {summary.lots_sold} sold, {summary.lots_passed} passed, "
                f"hammer total {summary.hammer_total}"
            )
        else:
            enqueue("settlement", settle_sale, sale.pk, job_id=f"settle-{sale.code}")
            self.stdout.write(f"queued settlement of {code}")
