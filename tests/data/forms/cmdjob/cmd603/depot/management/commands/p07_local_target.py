from django.conf import settings
from django.core.management.base import BaseCommand

from depot.models import Parcel


class Command(BaseCommand):
    help = "Write the parcel feed the partners download"

    def handle(self, *args, **options):
        target = settings.EXPORT_DIR / "daily.txt"
        with open(target, "w", encoding="utf-8") as fh:
            fh.write("\n".join(Parcel.objects.values_list("code", flat=True)))
