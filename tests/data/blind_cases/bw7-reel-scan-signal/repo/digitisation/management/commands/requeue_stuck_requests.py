from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from digitisation.models import DigitisationRequest
from digitisation.tasks import prepare_scan_batch


class Command(BaseCommand):
    help = "Queue scan preparation again for requests that have been 'submitted' for too long."

    def add_arguments(self, parser):
        parser.add_argument("--older-than-minutes", type=int, default=60)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, older_than_minutes, dry_run, **options):
        cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
        stuck = DigitisationRequest.objects.filter(
            status=DigitisationRequest.Status.SUBMITTED, submitted_at__lt=cutoff
        ).values_list("pk", flat=True)
        count = 0
        for pk in stuck:
            self.stdout.write(f"DR-{pk}")
            if not dry_run:
                prepare_scan_batch.delay(pk)
            count += 1
        self.stdout.write(f"{count} request(s) {'would be ' if dry_run else ''}requeued")
