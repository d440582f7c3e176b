from django.core.management.base import BaseCommand, CommandError

from depot.models import Parcel


class Command(BaseCommand):
    help = "Fail with exit status 3 when parcels are stuck"

    def handle(self, *args, **options):
        stuck = Parcel.objects.filter(processed=False, shipped_at__isnull=False).count()
        if stuck:
            raise CommandError(f"{stuck} parcels stuck", returncode=3)
