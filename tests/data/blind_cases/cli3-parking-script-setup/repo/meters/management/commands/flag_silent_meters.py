from django.core.management.base import BaseCommand
from django.utils import timezone

from meters.revenue import silent_meters


class Command(BaseCommand):
    help = "Flag in-service meters that have not been collected for a while (possible jam or theft)."

    def handle(self, *args, **options):
        now = timezone.now()
        flagged = 0
        for meter in silent_meters(today=timezone.localdate(now)):
            if meter.flagged_at is None:
                meter.flagged_at = now
                meter.save(update_fields=["flagged_at"])
                flagged += 1
            self.stdout.write(f"{meter.number} {meter.street}: last collected {meter.last or 'never'}")
        self.stdout.write(f"{flagged} meter(s) newly flagged")
