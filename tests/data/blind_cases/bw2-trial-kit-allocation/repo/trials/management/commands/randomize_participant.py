from datetime import date

from django.core.management.base import BaseCommand, CommandError

from trials.models import Participant
from trials.scheduling import ScheduleError
from trials.services import RandomizationError, RandomizationService


class Command(BaseCommand):
    help = "Fallback randomization when the web API is unavailable."

    def add_arguments(self, parser):
        parser.add_argument("screening_number")
        parser.add_argument("--first-dose", required=True, help="planned first-dose date, YYYY-MM-DD")
        parser.add_argument("--by", default="manage.py", help="name recorded as the randomizing user")

    def handle(self, *args, **options):
        try:
            participant = Participant.objects.get(screening_number=options["screening_number"])
        except Participant.DoesNotExist:
            raise CommandError(f"no participant {options['screening_number']}")
        try:
            first_dose = date.fromisoformat(options["first_dose"])
        except ValueError:
            raise CommandError("--first-dose must be YYYY-MM-DD")
        try:
            randomization = RandomizationService(user=options["by"]).randomize(
                participant, first_dose_date=first_dose
            )
        except (RandomizationError, ScheduleError) as exc:
            raise CommandError(str(exc))
        self.stdout.write(f"{participant.screening_number}: {randomization.randomization_number}")
