from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from fleetdesk.queues import get_queue
from inspections.jobs import triage_inspection
from inspections.models import Inspection


class Command(BaseCommand):
    help = "Queue the triage job again for submitted inspections that were never triaged."

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, default=30, help="minutes since submission")

    def handle(self, *args, older_than, **options):
        cutoff = timezone.now() - timedelta(minutes=older_than)
        stuck = list(
            Inspection.objects.filter(status=Inspection.Status.SUBMITTED, submitted_at__lte=cutoff)
            .values_list("pk", flat=True)
        )
        queue = get_queue("inspections")
        for inspection_id in stuck:
            job = queue.enqueue(triage_inspection, inspection_id, job_timeout=120)
            Inspection.objects.filter(pk=inspection_id).update(triage_job_id=job.id)
        self.stdout.write(f"{len(stuck)} inspection(s) queued for triage")
