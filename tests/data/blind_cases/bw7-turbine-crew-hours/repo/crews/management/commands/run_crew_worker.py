from django.conf import settings
from django.core.management.base import BaseCommand
from rq import Worker

from crews.queueing import get_queue, redis_connection


class Command(BaseCommand):
    help = "Run one RQ worker for the crew queues (start several of these)."

    def add_arguments(self, parser):
        parser.add_argument("queues", nargs="*", default=None)
        parser.add_argument("--burst", action="store_true", help="exit when the queues are empty")

    def handle(self, *args, queues, burst, **options):
        names = queues or settings.RQ_QUEUES
        worker = Worker([get_queue(n) for n in names], connection=redis_connection())
        worker.work(burst=burst)
