import os
import tempfile

from depot.models import Parcel
from depot.storage import upload
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "command export (run from cron: manage.py p06_command_export)"

    def handle(self, *args, **options):
        fd, path = tempfile.mkstemp(suffix=".txt")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write("\n".join(Parcel.objects.values_list("code", flat=True)))
            upload(path)
        finally:
            os.remove(path)
        self.stdout.write("exported")
