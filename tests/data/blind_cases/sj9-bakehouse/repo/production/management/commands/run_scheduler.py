import logging

from django.core.management.base import BaseCommand

from production.scheduler import build_scheduler

logger = logging.getLogger("production.scheduler")


class Command(BaseCommand):
    help = "Run the bakery's scheduled jobs (production sheet, route manifests, purge) until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true", help="print the jobs and their next run, then exit")

    def handle(self, *args, **options):
        scheduler = build_scheduler()
        if options["list"]:
            for job in scheduler.get_jobs():
                self.stdout.write(f"{job.id:<18} {job.trigger}")
            return
        self.stdout.write(f"scheduler starting with {len(scheduler.get_jobs())} jobs")
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            logger.info("scheduler stopping")
            scheduler.shutdown(wait=False)
