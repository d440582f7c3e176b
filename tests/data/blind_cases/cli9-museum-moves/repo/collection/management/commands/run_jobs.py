import logging

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from collection import jobs

log = logging.getLogger(__name__)


def _job(func):
    def run():
        close_old_connections()
        try:
            result = func()
            log.info("%s -> %s", func.__name__, result)
        finally:
            close_old_connections()

    run.__name__ = func.__name__
    return run


class Command(BaseCommand):
    help = "Run the collection stores' scheduled jobs (blocks; run under systemd)."

    def handle(self, *args, **options):
        scheduler = BlockingScheduler(timezone=settings.TIME_ZONE)
        scheduler.add_job(_job(jobs.queue_loan_reminders), CronTrigger(hour=8, minute=15),
                          id="loan-reminders", max_instances=1, coalesce=True, replace_existing=True)
        scheduler.add_job(_job(jobs.send_audit_digest), CronTrigger(day_of_week="mon", hour=7, minute=30),
                          id="audit-digest", max_instances=1, coalesce=True, replace_existing=True)
        self.stdout.write("scheduler started")
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            scheduler.shutdown(wait=False)
