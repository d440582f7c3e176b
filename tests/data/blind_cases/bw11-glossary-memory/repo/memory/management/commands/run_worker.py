import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from rq import SimpleWorker

from wordhouse.queues import get_connection, get_queue


class Command(BaseCommand):
    help = "Run an RQ worker for the given queues (one process per container)."

    def add_arguments(self, parser):
        parser.add_argument("queues", nargs="*", default=None)
        parser.add_argument("--burst", action="store_true", help="exit when the queues are empty")
        parser.add_argument("--max-jobs", type=int, default=None)

    def handle(self, *args, queues=None, burst=False, max_jobs=None, **options):
        names = queues or settings.RQ_QUEUES
        try:
            rq_queues = [get_queue(name) for name in names]
        except ValueError as exc:
            raise CommandError(str(exc))
        logging.getLogger("rq.worker").setLevel(logging.INFO)
        # Jobs run in this process: no fork per job, so the DB connection and
        # the imported job modules are reused from one job to the next.
        worker = SimpleWorker(rq_queues, connection=get_connection())
        worker.work(burst=burst, max_jobs=max_jobs, logging_level="INFO")
