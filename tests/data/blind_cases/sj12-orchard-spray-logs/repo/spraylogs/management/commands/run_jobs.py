import logging
import time

import schedule
from django.core.management.base import BaseCommand, CommandError

from spraylogs.jobs import JOBS
from spraylogs.scheduling import register_jobs

logger = logging.getLogger("spraylogs.run_jobs")


class Command(BaseCommand):
    help = "Run the cooperative's periodic jobs (long-running; managed by systemd)."

    def add_arguments(self, parser):
        parser.add_argument("--once", metavar="JOB", help=f"run one job now and exit ({', '.join(sorted(JOBS))})")
        parser.add_argument("--poll", type=float, default=30.0, help="seconds between schedule checks")

    def handle(self, *args, once=None, poll=30.0, **options):
        if once:
            if once not in JOBS:
                raise CommandError(f"unknown job {once!r}; choose from {', '.join(sorted(JOBS))}")
            result = JOBS[once]()
            self.stdout.write(f"{once}: {result}")
            return

        scheduler = register_jobs(schedule.Scheduler())
        for job in scheduler.get_jobs():
            logger.info("scheduled %s, next run %s", ", ".join(sorted(job.tags)), job.next_run)
        try:
            while True:
                scheduler.run_pending()
                idle = scheduler.idle_seconds
                time.sleep(max(1.0, min(poll, idle if idle is not None else poll)))
        except KeyboardInterrupt:
            logger.info("run_jobs stopped")
