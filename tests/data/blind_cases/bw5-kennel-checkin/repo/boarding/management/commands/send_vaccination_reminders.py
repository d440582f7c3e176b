from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from boarding.models import Stay
from boarding.tasks import send_vaccination_reminder


class Command(BaseCommand):
    help = "Remind owners whose pets lack valid vaccinations for a stay starting in the next N days."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=14)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, days, dry_run, **options):
        today = timezone.localdate()
        stays = Stay.objects.select_related("pet", "pet__owner").filter(
            status=Stay.Status.BOOKED, start_date__gte=today, start_date__lte=today + timedelta(days=days)
        )
        reminded = set()
        for stay in stays:
            pet = stay.pet
            if pet.pk in reminded:
                continue
            missing = pet.missing_vaccinations(on=stay.start_date)
            if not missing:
                continue
            reminded.add(pet.pk)
            self.stdout.write(f"{pet.name} ({pet.owner.email}): {', '.join(sorted(missing))}")
            if not dry_run:
                send_vaccination_reminder.delay(pet.pk, sorted(missing))
        verb = "would be reminded" if dry_run else "reminded"
        self.stdout.write(f"{len(reminded)} owners {verb}")
