from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce

from archive.batching import default_batch_size, iter_batches
from archive.models import Box


class Command(BaseCommand):
    help = "Recompute Box.page_count from the delivered scan files (run after the vendor re-delivers files)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=None)

    def handle(self, *args, batch_size=None, **options):
        boxes = (
            Box.objects.filter(status__in=[Box.Status.SCANNED, Box.Status.CATALOGUED])
            .annotate(delivered_pages=Coalesce(Sum("scan_files__pages"), 0))
        )
        checked = updated = 0
        for batch in iter_batches(boxes, batch_size or default_batch_size()):
            changed = [box for box in batch if box.page_count != box.delivered_pages]
            for box in changed:
                box.page_count = box.delivered_pages
            if changed:
                with transaction.atomic():
                    Box.objects.bulk_update(changed, ["page_count"])
            checked += len(batch)
            updated += len(changed)
        self.stdout.write(f"Checked {checked} boxes, corrected {updated} page counts.")
