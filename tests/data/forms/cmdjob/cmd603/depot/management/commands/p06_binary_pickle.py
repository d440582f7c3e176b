import pickle

from django.conf import settings
from django.core.management.base import BaseCommand

from depot.models import Parcel


class Command(BaseCommand):
    help = "Write the parcel feed the partners download"

    def handle(self, *args, **options):
        with open(settings.EXPORT_DIR / "parcels.pickle", "wb") as fh:
            for parcel in Parcel.objects.all():
                pickle.dump((parcel.code, parcel.weight), fh)
