import logging
import signal
import time

from django.core.management.base import BaseCommand

from telemetry.scheduler import build_scheduler

logger = logging.getLogger("telemetry.scheduler")


class Command(BaseCommand):
    help = "Run the telemetry job scheduler in the foreground (one instance per environment)."

    def add_arguments(self, parser):
        parser.add_argument("--run-now", action="store_true",
                            help="run every job once at start-up instead of waiting for its first interval")
        parser.add_argument("--max-sleep", type=float, default=5.0,
                            help="longest sleep between checks, in seconds")

    def handle(self, *args, **options):
        scheduler = build_scheduler()
        self._stopping = False

        def stop(signum, frame):
            logger.info("received signal %s, stopping after the current job", signum)
            self._stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)

        for job in scheduler.get_jobs():
            self.stdout.write(f"scheduled: {job}")
        if options["run_now"]:
            scheduler.run_all()

        while not self._stopping:
            scheduler.run_pending()
            idle = scheduler.idle_seconds
            time.sleep(max(0.1, min(options["max_sleep"], idle if idle is not None else options["max_sleep"])))
        self.stdout.write("scheduler stopped")
