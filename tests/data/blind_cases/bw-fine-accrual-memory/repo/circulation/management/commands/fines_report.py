from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Sum
from django.utils import timezone

from circulation.models import FineCharge


class Command(BaseCommand):
    help = "Fines charged on one day, per lending branch."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="YYYY-MM-DD (default: today)")

    def handle(self, *args, **options):
        try:
            day = date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"bad --date: {exc}")
        rows = (
            FineCharge.objects.filter(day=day, waived=False)
            .values("loan__branch__code")
            .annotate(n=Count("pk"), total=Sum("amount"))
            .order_by("loan__branch__code")
        )
        for row in rows:
            self.stdout.write(f"{row['loan__branch__code']:<8} {row['n']:>7} loans  {row['total']:>10}")
        if not rows:
            self.stdout.write(f"no fines charged on {day}")
