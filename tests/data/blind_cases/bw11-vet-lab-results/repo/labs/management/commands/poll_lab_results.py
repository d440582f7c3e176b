from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from labs.client import LabClientError
from labs.models import Lab
from labs.parsing import LabReportError
from labs.services import poll_lab


class Command(BaseCommand):
    help = "Pull new result reports from the polled labs now (beat does this every 10 minutes)."

    def add_arguments(self, parser):
        parser.add_argument("--lab", choices=Lab.values, action="append",
                            help="lab to poll (repeatable); default: settings.POLLED_LABS")

    def handle(self, *args, lab=None, **options):
        failed = False
        for name in lab or settings.POLLED_LABS:
            try:
                stored = poll_lab(name)
            except (LabClientError, LabReportError) as exc:
                failed = True
                self.stderr.write(f"{name}: {exc}")
                continue
            self.stdout.write(f"{name}: {stored} reports stored")
        if failed:
            raise CommandError("some labs could not be polled; nothing from a failed batch was stored")
