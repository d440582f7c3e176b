from collections import Counter
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from routes.calendar import school_days_between
from routes.models import Absence


class Command(BaseCommand):
    help = "Absences per school over the last N weeks (school days only)."

    def add_arguments(self, parser):
        parser.add_argument("--weeks", type=int, default=1)

    def handle(self, *args, **options):
        today = timezone.localdate()
        first = today - timedelta(weeks=options["weeks"])
        days = school_days_between(first, today - timedelta(days=1))
        per_school = Counter()
        for absence in Absence.objects.filter(starts_on__lte=today, ends_on__gte=first).select_related(
                "student__school"):
            per_school[absence.student.school.code] += sum(absence.covers(d) for d in days)
        self.stdout.write(f"absences {first:%Y-%m-%d} - {today - timedelta(days=1):%Y-%m-%d} "
                          f"({len(days)} school days)")
        for code, count in sorted(per_school.items()):
            self.stdout.write(f"{code}: {count}")
