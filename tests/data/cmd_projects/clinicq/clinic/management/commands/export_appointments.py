import csv
import sys

from django.core.management.base import BaseCommand

from clinic.cli import add_export_options
from clinic.models import Appointment


class Command(BaseCommand):
    help = "Export appointments as CSV"

    def add_arguments(self, parser):
        add_export_options(parser)

    def handle(self, *args, **options):
        rows = Appointment.objects.select_related("patient").order_by("slot")
        if not options["include_cancelled"]:
            rows = rows.filter(cancelled=False)
        out = self.stdout if options["output"] == "-" else open(options["output"], "w", encoding="utf-8")
        writer = csv.writer(out)
        for a in rows:
            writer.writerow([a.patient.mrn, a.vaccine, a.slot.isoformat(), a.cancelled])
