from django.core.management.base import BaseCommand

from listings.models import Listing
from search.tasks import index_listing


class Command(BaseCommand):
    help = "Queue a search re-index of every active listing."

    def add_arguments(self, parser):
        parser.add_argument("--city", default=None)

    def handle(self, *args, **options):
        qs = Listing.objects.filter(status=Listing.Status.ACTIVE)
        if options["city"]:
            qs = qs.filter(city__iexact=options["city"])
        count = 0
        for listing_id in qs.values_list("pk", flat=True).iterator():
            index_listing.delay(listing_id)
            count += 1
        self.stdout.write(f"queued {count} listings")
