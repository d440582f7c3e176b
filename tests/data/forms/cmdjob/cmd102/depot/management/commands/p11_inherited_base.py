from depot.management.lib.base import DepotCommand
from depot.models import Parcel


class Command(DepotCommand):
    help = "Report parcels still in the depot (the --mail option comes from DepotCommand)"

    def handle(self, *args, **options):
        self.deliver(str(Parcel.objects.filter(delivered_at__isnull=True).count()), options)
