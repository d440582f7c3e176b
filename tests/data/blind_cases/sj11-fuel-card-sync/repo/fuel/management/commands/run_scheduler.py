import logging
import signal

from apscheduler.schedulers.blocking import BlockingScheduler
from django.conf import settings
from django.core.management.base import BaseCommand

from fuel.scheduling import register_jobs

logger = logging.getLogger("fuel.scheduler")


class Command(BaseCommand):
    help = "Run the fleet scheduler in the foreground (fuel sync, anomaly checks, depot summaries)."

    def make_scheduler(self):
        return BlockingScheduler(
            timezone=settings.TIME_ZONE,
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 300},
        )

    def handle(self, *args, **options):
        scheduler = register_jobs(self.make_scheduler())

        def shutdown(signum, frame):
            logger.info("scheduler: signal %s, shutting down", signum)
            scheduler.shutdown(wait=False)

        signal.signal(signal.SIGTERM, shutdown)
        for job in scheduler.get_jobs():
            self.stdout.write(f"scheduled {job.id}: {job.trigger}")
        logger.info("scheduler: starting with %d jobs", len(scheduler.get_jobs()))
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            pass
        logger.info("scheduler: stopped")
