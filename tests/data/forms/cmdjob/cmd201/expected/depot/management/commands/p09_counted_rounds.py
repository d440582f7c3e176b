import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from depot.models import Parcel


class Command(BaseCommand):
    help = "Poll for --rounds rounds (a nightly run lasts hours)"

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=1000)

    def handle(self, *args, **options):
        done = 0
        while done < options["rounds"]:
            close_old_connections()
            try:
                self.stdout.write(str(Parcel.objects.filter(processed=False).count()))
                done += 1
            except Exception as exc:  # the round failed: go on with the next one
                print(f"round failed: {exc}")
            time.sleep(30)
