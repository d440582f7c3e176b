"""Print the night's berth plan for the harbour master."""
from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from berths.models import Berth, Stay, StayNight


class Command(BaseCommand):
    help = "Print which visiting boat is in which berth on a given night."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="YYYY-MM-DD, default today")

    def handle(self, *args, **options):
        night = date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        occupied = {
            n.berth_id: n.stay
            for n in StayNight.objects.select_related("stay").filter(
                night=night, stay__status__in=[Stay.Status.CONFIRMED, Stay.Status.ARRIVED]
            )
        }
        self.stdout.write(f"Berth plan for {night:%A %d %B %Y}")
        for berth in Berth.objects.filter(active=True):
            stay = occupied.get(berth.pk)
            if stay is None:
                self.stdout.write(f"{berth.code:<8} -- free --")
                continue
            flags = " [POWER]" if stay.needs_shore_power else ""
            leaving = " (leaves tomorrow)" if (stay.departure - night).days == 1 else ""
            self.stdout.write(f"{berth.code:<8} {stay.boat_name}{flags}{leaving}")
            if stay.special_requests:
                self.stdout.write(f"{'':<8}   note: {stay.special_requests}")
        self.stdout.write(f"{len(occupied)} visiting boats")
