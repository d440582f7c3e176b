from datetime import date

from django.core.management.base import BaseCommand, CommandError

from clinics.models import Clinic
from scheduling.services import publish_slots_for_day


class Command(BaseCommand):
    help = "Publish the slots of one day by hand (what the 20:00 job does for tomorrow)."

    def add_arguments(self, parser):
        parser.add_argument("day", type=date.fromisoformat, help="YYYY-MM-DD")
        parser.add_argument("--clinic", action="append", dest="codes", metavar="CODE",
                            help="only this centre (repeatable); default: all active centres")

    def handle(self, *args, day, codes=None, **options):
        clinics = Clinic.objects.filter(active=True)
        if codes:
            clinics = clinics.filter(code__in=codes)
            missing = set(codes) - set(clinics.values_list("code", flat=True))
            if missing:
                raise CommandError(f"unknown or inactive centre(s): {', '.join(sorted(missing))}")
        for clinic in clinics:
            result = publish_slots_for_day(clinic, day)
            self.stdout.write(f"{result.clinic} {day}: {result.offered} slots, {result.created} new")
