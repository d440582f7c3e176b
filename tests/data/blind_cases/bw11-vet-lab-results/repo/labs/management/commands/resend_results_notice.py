from django.core.management.base import BaseCommand, CommandError

from labs.models import LabOrder
from labs.tasks import notify_owner_of_results


class Command(BaseCommand):
    help = "Send the owner the 'results are ready' notice for a resulted lab order again."

    def add_arguments(self, parser):
        parser.add_argument("accession", nargs="+")
        parser.add_argument("--lab", help="only needed when the accession exists at more than one lab")

    def handle(self, *args, accession, lab=None, **options):
        for acc in accession:
            orders = LabOrder.objects.filter(accession=acc)
            if lab:
                orders = orders.filter(lab=lab)
            orders = list(orders)
            if not orders:
                raise CommandError(f"no lab order {acc}")
            if len(orders) > 1:
                raise CommandError(f"{acc} exists at several labs, pass --lab")
            order = orders[0]
            if order.status != LabOrder.Status.RESULTED:
                raise CommandError(f"{acc} is {order.get_status_display().lower()}, nothing to announce")
            notify_owner_of_results.delay(order.pk, force=True)
            self.stdout.write(f"{acc}: notice queued")
