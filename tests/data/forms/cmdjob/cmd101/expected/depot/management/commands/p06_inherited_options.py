from depot.management.lib.base import DepotCommand
from depot.models import Parcel


class Command(DepotCommand):
    help = "Count a customer's parcels (the --customer-id option comes from DepotCommand)"

    def handle(self, *args, **options):
        parcels = Parcel.objects.all()
        if options["customer_id"]:
            parcels = parcels.filter(customer_id=options["customer_id"])
        self.stdout.write(str(parcels.count()))
