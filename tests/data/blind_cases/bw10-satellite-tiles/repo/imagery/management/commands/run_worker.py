from django.core.management.base import BaseCommand
from rq import SimpleWorker

from orbitgrid import queues


class Command(BaseCommand):
    help = "Run an RQ worker for the given queues."

    def add_arguments(self, parser):
        parser.add_argument(
            "queue_names", nargs="*", metavar="queue", default=[queues.TILES, queues.DELIVERY, queues.DEFAULT]
        )
        parser.add_argument("--burst", action="store_true", help="exit when the queues are empty")

    def handle(self, *args, queue_names, burst, **options):
        # SimpleWorker runs jobs in this process: importing the raster stack in a
        # forked work horse for every scene cost more than the tiling itself.
        worker = SimpleWorker([queues.get_queue(name) for name in queue_names], connection=queues.get_redis())
        worker.work(burst=burst, with_scheduler=False)
