import csv

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lifts.management.commands._dates import iso_date
from rentals.models import RentalContract


class Command(BaseCommand):
    help = "Export rental contracts returned between two resort-local dates (inclusive) as CSV."

    def add_arguments(self, parser):
        parser.add_argument("--since", type=iso_date, required=True)
        parser.add_argument("--until", type=iso_date, required=True)

    def handle(self, *args, since, until, **options):
        if until < since:
            raise CommandError("--until is before --since")
        contracts = RentalContract.objects.filter(
            status=RentalContract.Status.RETURNED,
            returned_at__date__gte=since,
            returned_at__date__lte=until,
        ).order_by("returned_at")
        writer = csv.writer(self.stdout)
        writer.writerow(["number", "customer", "equipment", "started_at", "returned_at", "amount_chf"])
        for c in contracts:
            writer.writerow([
                c.number, c.customer_name, c.equipment,
                timezone.localtime(c.started_at).isoformat(timespec="minutes"),
                timezone.localtime(c.returned_at).isoformat(timespec="minutes"),
                c.amount_chf,
            ])
