import logging
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from bookings.models import BookingAdjustment

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Reject waiver/discount requests nobody decided on within the allowed time."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.DESKHUB["ADJUSTMENT_REQUEST_TTL_DAYS"],
            help="reject requests older than this many days",
        )
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, days, dry_run=False, **options):
        if days < 1:
            raise CommandError("--days must be at least 1")
        now = timezone.now()
        cutoff = now - timedelta(days=days)
        stale = BookingAdjustment.objects.requested_before(cutoff).select_related("booking")

        if dry_run:
            count = stale.count()
            self.stdout.write(f"would reject {count} request(s) older than {days} day(s)")
            return

        with transaction.atomic():
            count = stale.update(
                status=BookingAdjustment.Status.REJECTED,
                decided_at=now,
                decided_by="auto: no decision in time",
            )
        logger.info("auto-rejected %d adjustment request(s) older than %s", count, cutoff)
        self.stdout.write(f"rejected {count} request(s) older than {days} day(s)")
