import logging

from django.core.management.base import BaseCommand

from depotline.scheduler import build_scheduler

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run the APScheduler process for the periodic jobs (foreground; systemd restarts it)."

    def handle(self, *args, **options):
        scheduler = build_scheduler()
        for job in scheduler.get_jobs():
            log.info("scheduled %s (%s)", job.id, job.trigger)
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            log.info("scheduler stopped")
