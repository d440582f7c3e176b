from apscheduler.schedulers.blocking import BlockingScheduler
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from ops.schedule import JOBS


def _fresh_db(func):
    def run():
        close_old_connections()
        try:
            return func()
        finally:
            close_old_connections()

    return run


class Command(BaseCommand):
    help = "Run the periodic jobs until interrupted."

    def handle(self, *args, **options):
        scheduler = BlockingScheduler()
        for name, (func, trigger, trigger_args) in JOBS.items():
            scheduler.add_job(_fresh_db(func), trigger, id=name, **trigger_args)
        scheduler.start()
