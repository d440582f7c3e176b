import logging

from django.core.management.base import BaseCommand

from riverwatch.scheduler import build_scheduler

log = logging.getLogger("riverwatch.scheduler")


class Command(BaseCommand):
    help = "Run the APScheduler process (sync, alerts, summaries, pruning). Blocks until interrupted."

    def handle(self, *args, **options):
        scheduler = build_scheduler()
        for job in scheduler.get_jobs():
            self.stdout.write(f"scheduled {job.id}: {job.trigger}")
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            scheduler.shutdown(wait=False)
            self.stdout.write("scheduler stopped")
