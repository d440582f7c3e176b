import logging
import signal
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from notify.outbox import send_pending

log = logging.getLogger("notify.drain_outbox")


class Command(BaseCommand):
    help = "Send pending outbox messages (pickup codes, reminders). With --follow, keep polling until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=100)
        parser.add_argument("--follow", action="store_true", help="keep running and poll every --interval s")
        parser.add_argument("--interval", type=float, default=5.0)

    def handle(self, *args, batch=100, follow=False, interval=5.0, **options):
        if not follow:
            sent, failed = send_pending(batch)
            self.stdout.write(f"sent {sent}, failed {failed}")
            return

        stop = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
        log.info("draining outbox every %ss", interval)
        while not stop.is_set():
            # outside the request cycle nobody else recycles our connection
            close_old_connections()
            sent, failed = send_pending(batch)
            if sent or failed:
                log.info("sent %d, failed %d", sent, failed)
            if sent + failed < batch:
                stop.wait(interval)
        close_old_connections()
        log.info("stopped")
