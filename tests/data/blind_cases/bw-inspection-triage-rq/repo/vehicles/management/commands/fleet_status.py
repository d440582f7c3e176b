from django.core.management.base import BaseCommand
from django.db.models import Count, Q

from vehicles.models import Vehicle, WorkOrder


class Command(BaseCommand):
    help = "Vehicles per depot and status, and open work orders."

    def handle(self, *args, **options):
        rows = (
            Vehicle.objects.exclude(status=Vehicle.Status.RETIRED)
            .values("depot")
            .annotate(total=Count("pk"), grounded=Count("pk", filter=Q(status=Vehicle.Status.OUT_OF_SERVICE)))
            .order_by("depot")
        )
        for row in rows:
            self.stdout.write(f"{row['depot']:<16} {row['total']:>4} vehicles, {row['grounded']:>3} out of service")
        open_orders = WorkOrder.objects.exclude(status=WorkOrder.Status.DONE).count()
        self.stdout.write(f"{open_orders} open work order(s)")
