from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tickets.models import TimeSlot


class Command(BaseCommand):
    help = "Print sold / admitted / capacity per time slot for one day."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="YYYY-MM-DD, default today")

    def handle(self, *args, **options):
        try:
            day = date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"bad --date: {exc}")
        slots = TimeSlot.objects.filter(starts_at__date=day).select_related("exhibition")
        for slot in slots:
            start = timezone.localtime(slot.starts_at)
            self.stdout.write(
                f"{start:%H:%M} {slot.exhibition.slug:<24} sold {slot.sold:>4}  admitted {slot.admitted:>4}"
                f"  capacity {slot.capacity:>4}"
            )
        if not slots:
            self.stdout.write("no slots")
