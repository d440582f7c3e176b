from datetime import date

from django.core.management.base import BaseCommand, CommandError

from operations.services import port_by_code, record_disruption
from timetable.models import Port


class Command(BaseCommand):
    help = "Cancel all of a day's sailings calling at a port."

    def add_arguments(self, parser):
        parser.add_argument("port", help="port code, e.g. CRA")
        parser.add_argument("day", type=date.fromisoformat, help="YYYY-MM-DD")
        parser.add_argument("--reason", required=True)

    def handle(self, *args, port, day, reason, **options):
        try:
            port_obj = port_by_code(port)
        except Port.DoesNotExist:
            raise CommandError(f"unknown port {port!r}")
        disruption = record_disruption(port_obj, day, reason)
        self.stdout.write(f"{disruption.sailings_cancelled} sailing(s) cancelled at {port_obj.code} on {day}")
