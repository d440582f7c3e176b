from django.core.management.base import BaseCommand
from django.utils import timezone

from gauges.models import Station
from reports.models import JobFlag
from riverwatch.locks import lock_holder


class Command(BaseCommand):
    help = "Show job locks and how fresh each station's data is."

    def handle(self, *args, **options):
        for name in ("sync-readings", "prune-readings"):
            self.stdout.write(f"lock {name:<16} {lock_holder(name) or 'free'}")
        for flag in JobFlag.objects.order_by("name"):
            state = f"running since {flag.running_since:%Y-%m-%d %H:%M} on {flag.owner}" if flag.running_since else "idle"
            self.stdout.write(f"job  {flag.name:<16} {state}; last finished {flag.last_finished_at or '-'}")
        now = timezone.now()
        for station in Station.objects.filter(active=True):
            if station.last_reading_at:
                age = int((now - station.last_reading_at).total_seconds() // 60)
                self.stdout.write(f"{station.code:<10} last reading {age} min ago")
            else:
                self.stdout.write(f"{station.code:<10} no readings yet")
