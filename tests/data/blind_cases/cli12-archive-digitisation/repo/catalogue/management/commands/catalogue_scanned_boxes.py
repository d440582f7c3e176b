from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from archive.batching import default_batch_size, iter_batches
from archive.models import Box, Fonds
from catalogue.services import catalogue_box


class Command(BaseCommand):
    help = "Create catalogue entries for all scanned boxes and mark the boxes catalogued."

    def add_arguments(self, parser):
        parser.add_argument("--fonds", metavar="CODE", help="only boxes of this fonds")
        parser.add_argument("--batch-size", type=int, default=None,
                            help="boxes per transaction (default: ARCHIVE_BATCH_SIZE)")
        parser.add_argument("--dry-run", action="store_true", help="list the boxes, change nothing")

    def handle(self, *args, fonds=None, batch_size=None, dry_run=False, **options):
        batch_size = batch_size or default_batch_size()
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")

        pending = (
            Box.objects.filter(status=Box.Status.SCANNED, catalogue_entry__isnull=True)
            .select_related("fonds")
        )
        if fonds:
            if not Fonds.objects.filter(code=fonds).exists():
                raise CommandError(f"unknown fonds {fonds!r}")
            pending = pending.filter(fonds__code=fonds)

        total = pending.count()
        if not total:
            self.stdout.write("Nothing to catalogue.")
            return

        now = timezone.now()
        done = 0
        for number, batch in enumerate(iter_batches(pending, batch_size), start=1):
            if dry_run:
                for box in batch:
                    self.stdout.write(f"would catalogue {box.reference_code}  {box.label}")
                done += len(batch)
                continue
            with transaction.atomic():
                for box in batch:
                    catalogue_box(box, now=now)
            done += len(batch)
            self.stdout.write(f"batch {number}: {len(batch)} boxes catalogued")

        verb = "Would catalogue" if dry_run else "Catalogued"
        self.stdout.write(self.style.SUCCESS(f"{verb} {done} of {total} scanned boxes."))
