from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Sum
from django.utils import timezone

from tickets.models import Ticket, TimeSlot


class Command(BaseCommand):
    help = "Recompute TimeSlot.admitted from the admitted tickets (repair tool)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="YYYY-MM-DD, default today")

    def handle(self, *args, **options):
        try:
            day = date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"bad --date: {exc}")
        fixed = 0
        for slot in TimeSlot.objects.filter(starts_at__date=day):
            actual = (
                Ticket.objects.filter(slot=slot, status=Ticket.Status.ADMITTED)
                .aggregate(n=Sum("party_size"))["n"] or 0
            )
            if actual != slot.admitted:
                self.stdout.write(f"slot {slot.pk}: admitted {slot.admitted} -> {actual}")
                TimeSlot.objects.filter(pk=slot.pk).update(admitted=actual)
                fixed += 1
        self.stdout.write(f"{fixed} slot(s) corrected")
