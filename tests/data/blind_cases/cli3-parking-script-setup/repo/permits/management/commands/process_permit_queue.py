import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from permits.decisions import auto_decision, decide
from permits.models import Permit


class Command(BaseCommand):
    help = "Long-running worker: auto-decide pending permit applications as they arrive."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=30.0, help="seconds between polls")
        parser.add_argument("--once", action="store_true", help="process the queue once and exit")

    def process_batch(self):
        done = 0
        for permit in Permit.objects.filter(status=Permit.Status.PENDING).select_related("zone")[:100]:
            decide(permit, auto_decision(permit))
            done += 1
        return done

    def handle(self, *args, interval, once=False, **options):
        while True:
            # The worker lives for weeks; drop connections the server has timed out.
            close_old_connections()
            try:
                done = self.process_batch()
            finally:
                close_old_connections()
            if done:
                self.stdout.write(f"decided {done} application(s)")
            if once:
                return
            time.sleep(interval)
