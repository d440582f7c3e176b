from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from boarding.models import Stay
from boarding.tasks import release_no_shows


class Command(BaseCommand):
    help = "Mark booked stays that never arrived as no-shows (the beat schedule runs this daily)."

    def add_arguments(self, parser):
        parser.add_argument("--grace-days", type=int, default=1)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, grace_days, dry_run, **options):
        if dry_run:
            cutoff = timezone.localdate() - timedelta(days=grace_days)
            stays = Stay.objects.filter(status=Stay.Status.BOOKED, start_date__lt=cutoff).select_related("pet")
            for stay in stays:
                self.stdout.write(f"would release stay {stay.pk}: {stay}")
            self.stdout.write(f"{len(stays)} stays would be released")
            return
        released = release_no_shows(grace_days=grace_days)
        self.stdout.write(f"{len(released)} stays released")
