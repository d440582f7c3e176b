from django.core.management.base import BaseCommand

from ops import outbox
from ops.models import Target


class Codes:
    _all = None

    @classmethod
    def all(cls):
        if cls._all is None:
            cls._all = sorted(Target.objects.values_list("code", flat=True))
        return cls._all


class Command(BaseCommand):
    help = "Print the target codes once (run by hand: a fresh process each time)."

    def handle(self, *args, **options):
        for code in Codes.all():
            outbox.send("codes", code)
