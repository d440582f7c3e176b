import time

from django.core.management.base import BaseCommand

from ops import outbox
from ops.models import Reading, Threshold


class Limits:
    _values = None

    @classmethod
    def get(cls):
        if cls._values is None:
            cls._values = dict(Threshold.objects.values_list("name", "value"))
        return cls._values


class Command(BaseCommand):
    help = "Check readings against their limits every minute, forever."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true")

    def handle(self, *args, **options):
        while True:
            Limits._values = None  # rootfix JOB203: rebuilt per run
            limits = Limits.get()
            for reading in Reading.objects.all():
                if reading.value > limits.get(reading.name, float("inf")):
                    outbox.send("limit", reading.name)
            if options["once"]:
                break
            time.sleep(60)
