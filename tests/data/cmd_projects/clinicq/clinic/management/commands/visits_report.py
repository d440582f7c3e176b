from django.core.management.base import BaseCommand

from clinic.reports import visits_between


class Command(BaseCommand):
    help = "Visits per vaccine for a date range (inclusive)"

    def add_arguments(self, parser):
        parser.add_argument("first")
        parser.add_argument("last")

    def handle(self, *args, **options):
        counts = {}
        for visit in visits_between(options["first"], options["last"]):
            counts[visit.appointment.vaccine] = counts.get(visit.appointment.vaccine, 0) + 1
        for vaccine, n in sorted(counts.items()):
            self.stdout.write(f"{vaccine}: {n}")
