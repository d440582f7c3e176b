"""Run the background jobs forever (or once), each on its own interval."""
import logging
import signal
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from rebalancing.jobs import by_name

logger = logging.getLogger("rebalancing.run_jobs")


class Command(BaseCommand):
    help = "Run the background jobs in a loop. --once runs each selected job one time and exits."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true")
        parser.add_argument("--only", action="append", metavar="JOB", help="run only this job (repeatable)")
        parser.add_argument("--tick", type=float, default=5.0, help="seconds between checks for due jobs")

    def handle(self, *args, **options):
        try:
            jobs = by_name(options["only"])
        except KeyError as exc:
            raise CommandError(f"unknown job(s): {exc.args[0]}") from exc
        self._stop = False
        if not options["once"]:
            signal.signal(signal.SIGTERM, self._request_stop)
        next_run = {job.name: 0.0 for job in jobs}
        while not self._stop:
            for job in jobs:
                if time.monotonic() < next_run[job.name]:
                    continue
                self._run(job)
                next_run[job.name] = time.monotonic() + job.every.total_seconds()
            if options["once"]:
                break
            time.sleep(options["tick"])

    def _run(self, job):
        close_old_connections()
        started = time.monotonic()
        try:
            result = job.func()
        except Exception:
            logger.exception("job %s failed", job.name)
            return
        finally:
            close_old_connections()
        summary = len(result) if isinstance(result, list) else result
        self.stdout.write(f"{job.name}: {summary} ({time.monotonic() - started:.1f}s)")

    def _request_stop(self, signum, frame):
        logger.info("SIGTERM received, stopping after the current job")
        self._stop = True
