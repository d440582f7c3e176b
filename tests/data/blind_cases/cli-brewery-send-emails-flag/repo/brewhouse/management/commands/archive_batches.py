from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from brewhouse.management.options import add_common_options, resolve_site
from brewhouse.models import Batch
from brewhouse.notifications import notify_archived


class Command(BaseCommand):
    help = "Archive packaged batches older than --older-than days."

    def add_arguments(self, parser):
        add_common_options(parser)
        parser.add_argument("--older-than", type=int, default=365, help="days since packaging (default: 365)")

    def handle(self, *args, **options):
        if options["older_than"] < 30:
            raise CommandError("--older-than must be at least 30 days")
        site = resolve_site(options["site"])
        cutoff = timezone.now() - timedelta(days=options["older_than"])
        qs = Batch.objects.filter(status=Batch.Status.PACKAGED, packaged_at__lt=cutoff)
        if site is not None:
            qs = qs.filter(site=site)
        batches = list(qs.order_by("packaged_at")[: options["batch_size"]])
        if options["dry_run"]:
            self.stdout.write(f"dry run: would archive {len(batches)} batch(es)")
            return
        Batch.objects.filter(pk__in=[b.pk for b in batches]).update(status=Batch.Status.ARCHIVED)
        if options["send_emails"]:
            notify_archived(batches)
        self.stdout.write(f"archived {len(batches)} batch(es)")
