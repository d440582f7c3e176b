import io
import tarfile

from django.conf import settings

from depot.models import Parcel
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "tar backup (run from cron: manage.py p06_tar_backup)"

    def handle(self, *args, **options):
        tar = tarfile.open(settings.EXPORT_DIR / "parcels.tar.gz", "w:gz")
        try:
            data = "\n".join(Parcel.objects.values_list("code", flat=True)).encode()
            info = tarfile.TarInfo("parcels.txt")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        finally:
            tar.close()
