import logging

from django.core.management.base import BaseCommand

from orbitgrid.scheduler import build_scheduler

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run the maintenance scheduler (blocking)."

    def handle(self, *args, **options):
        scheduler = build_scheduler()
        for job in scheduler.get_jobs():
            logger.info("scheduled %s (%s)", job.id, job.trigger)
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            scheduler.shutdown(wait=False)
