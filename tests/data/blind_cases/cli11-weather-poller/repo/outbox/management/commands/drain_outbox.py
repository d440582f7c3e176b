import logging
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from outbox.publishers import get_publisher
from outbox.services import drain_once

logger = logging.getLogger("agromet.outbox")


class Command(BaseCommand):
    help = "Deliver pending outbox messages to the subscriber webhook."

    def add_arguments(self, parser):
        parser.add_argument("--forever", action="store_true", help="keep draining until stopped (service mode)")
        parser.add_argument("--interval", type=float, default=5.0,
                            help="seconds to wait when there was nothing left to send")
        parser.add_argument("--batch-size", type=int, default=50)
        parser.add_argument("--iterations", type=int, default=1,
                            help="rounds to run when not --forever")

    def handle(self, *args, forever=False, interval=5.0, batch_size=50, iterations=1, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        publisher = get_publisher()
        rounds = sent = failed = 0
        try:
            while True:
                rounds += 1
                close_old_connections()
                try:
                    result = drain_once(publisher, batch_size=batch_size)
                except Exception:
                    logger.exception("outbox round %d failed", rounds)
                    result = None
                else:
                    sent += result.sent
                    failed += result.failed
                    if result.claimed:
                        logger.info("outbox round %d: %d sent, %d failed", rounds, result.sent, result.failed)
                if not forever and rounds >= iterations:
                    break
                if result is None or result.claimed < batch_size:
                    time.sleep(interval)
        except KeyboardInterrupt:
            logger.info("outbox drain interrupted after %d rounds", rounds)
        finally:
            close_old_connections()
        self.stdout.write(f"{rounds} round(s): {sent} sent, {failed} failed")
