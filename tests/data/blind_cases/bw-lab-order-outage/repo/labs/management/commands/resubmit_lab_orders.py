from datetime import date

from django.core.management.base import BaseCommand, CommandError

from labs.models import LabOrder
from labs.tasks import submit_lab_order


class Command(BaseCommand):
    help = "Put lab orders back in the queue and send them again (e.g. after a lab outage)."

    def add_arguments(self, parser):
        parser.add_argument("--status", default=LabOrder.Status.REJECTED,
                            choices=[LabOrder.Status.REJECTED, LabOrder.Status.QUEUED])
        parser.add_argument("--since", help="only orders created on or after YYYY-MM-DD")

    def handle(self, *args, status, since, **options):
        orders = LabOrder.objects.filter(status=status)
        if since:
            try:
                orders = orders.filter(created_at__date__gte=date.fromisoformat(since))
            except ValueError as exc:
                raise CommandError(f"bad --since: {exc}")
        ids = list(orders.values_list("pk", flat=True))
        LabOrder.objects.filter(pk__in=ids).update(status=LabOrder.Status.QUEUED, error="")
        for order_id in ids:
            submit_lab_order.delay(order_id)
        self.stdout.write(f"{len(ids)} order(s) queued again")
