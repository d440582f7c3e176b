from django.core.management.base import BaseCommand, CommandError

from gauges.jobs import sync_readings
from gauges.telemetry import TelemetryError


class Command(BaseCommand):
    help = "Run one telemetry sync now (same job as the scheduler's, same lock)."

    def handle(self, *args, **options):
        try:
            stored = sync_readings()
        except TelemetryError as exc:
            raise CommandError(f"telemetry provider: {exc}")
        if stored is None:
            self.stdout.write("another sync is in progress, nothing done")
        else:
            self.stdout.write(f"{stored} new reading(s)")
