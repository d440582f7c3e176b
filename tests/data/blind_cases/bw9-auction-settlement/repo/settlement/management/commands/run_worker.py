import socket

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from rq.worker import SimpleWorker

from gavelhouse.queues import get_connection, get_queue


class Command(BaseCommand):
    help = "Run an RQ worker for the given queues (default: all configured queues)."

    def add_arguments(self, parser):
        parser.add_argument("queues", nargs="*", help="queue names, highest priority first")
        parser.add_argument("--burst", action="store_true", help="exit once the queues are empty")
        parser.add_argument("--name", default=None, help="worker name (default: host:pid)")

    def handle(self, *args, queues, burst, name, **options):
        names = queues or list(settings.RQ_QUEUES)
        try:
            rq_queues = [get_queue(n) for n in names]
        except ValueError as exc:
            raise CommandError(str(exc)) from exc

        # SimpleWorker runs each job in this process instead of forking a work horse per job: Django and the
        # DB connection are set up once, which made the many small notice jobs several times faster.
        worker = SimpleWorker(rq_queues, connection=get_connection(), name=name or f"{socket.gethostname()}:gavel")
        self.stdout.write(f"worker {worker.name} listening on {', '.join(names)}")
        worker.work(burst=burst, logging_level="INFO", with_scheduler=False)
