import logging

from apscheduler.schedulers.blocking import BlockingScheduler
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from tidewater.schedule import JOBS

logger = logging.getLogger("tidewater.jobs")


def _with_fresh_connection(func):
    def run():
        close_old_connections()
        try:
            return func()
        finally:
            close_old_connections()
    run.__name__ = getattr(func, "__name__", "job")
    return run


def build_scheduler():
    scheduler = BlockingScheduler(timezone=settings.TIME_ZONE)
    for name, (func, trigger, trigger_args) in JOBS.items():
        scheduler.add_job(
            _with_fresh_connection(func), trigger, id=name, name=name,
            max_instances=1, coalesce=True, misfire_grace_time=60, replace_existing=True,
            **trigger_args,
        )
    return scheduler


class Command(BaseCommand):
    help = "Run the periodic jobs (release_holds, send_manifests, advance_sailings) until interrupted."

    def handle(self, *args, **options):
        scheduler = build_scheduler()
        for job in scheduler.get_jobs():
            self.stdout.write(f"scheduled {job.id}: {job.trigger}")
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            self.stdout.write("scheduler stopped")
