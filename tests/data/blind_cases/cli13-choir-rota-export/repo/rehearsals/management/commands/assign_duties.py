from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from rehearsals.models import RotaDuty
from rehearsals.rota import Month, assign_duties


class Command(BaseCommand):
    help = "Fill the empty duty slots (chairs, tea, sign-in) for a month's rehearsals."

    def add_arguments(self, parser):
        parser.add_argument("--month", metavar="YYYY-MM", help="default: next month")
        parser.add_argument("--with-library", action="store_true",
                            help="also rota the music library duty (concert months)")

    def handle(self, *args, month=None, with_library=False, **options):
        try:
            target = Month.parse(month) if month else Month.following(timezone.localdate())
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        duties = [RotaDuty.Duty.CHAIRS, RotaDuty.Duty.TEA, RotaDuty.Duty.SIGN_IN]
        if with_library:
            duties.append(RotaDuty.Duty.LIBRARY)
        filled = assign_duties(target, duties)
        self.stdout.write(f"{target}: {filled} duty slot(s) filled")
