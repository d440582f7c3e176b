from datetime import date, timedelta
from itertools import cycle

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from plots.models import Bed, Gardener
from rota.calendar import garden_today, week_of
from rota.models import WateringShift


class Command(BaseCommand):
    help = "Roster active gardeners round-robin onto the morning watering shifts of the coming weeks."

    def add_arguments(self, parser):
        parser.add_argument("--weeks", type=int, default=4)
        parser.add_argument("--start", type=date.fromisoformat, help="any day of the first week (default: next week)")

    def handle(self, *args, weeks, start, **options):
        if weeks < 1:
            raise CommandError("--weeks must be at least 1")
        gardeners = list(Gardener.objects.filter(active=True).order_by("joined_on", "pk"))
        if not gardeners:
            raise CommandError("no active gardeners")
        beds = list(Bed.objects.filter(shared=True, needs_water=True))
        first = week_of(start or garden_today() + timedelta(days=7))[0]
        created = 0
        rotation = cycle(gardeners)
        with transaction.atomic():
            for offset in range(weeks * 7):
                day = first + timedelta(days=offset)
                if WateringShift.objects.on_day(day).filter(slot=WateringShift.Slot.MORNING).exists():
                    continue
                shift = WateringShift.objects.create(day=day, gardener=next(rotation))
                shift.beds.set(beds)
                created += 1
        self.stdout.write(f"{created} shifts created from {first}")
