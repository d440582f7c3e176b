import logging

from django.core.management.base import BaseCommand

from fuel.scheduler import build_scheduler

logger = logging.getLogger("fuel.scheduler")


class Command(BaseCommand):
    help = "Run the depot's scheduled fuel jobs (pump log import, finance export, archive purge)."

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true", help="print the registered jobs and exit")

    def handle(self, *args, list=False, **options):
        scheduler = build_scheduler()
        if list:
            for job in scheduler.get_jobs():
                self.stdout.write(f"{job.id:<24} {job.trigger}")
            return
        logger.info("starting scheduler with %d jobs", len(scheduler.get_jobs()))
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            logger.info("scheduler stopping")
            scheduler.shutdown(wait=False)
