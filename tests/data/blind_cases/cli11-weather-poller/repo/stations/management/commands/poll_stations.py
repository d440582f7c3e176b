"""Poll the station dataloggers.

Production runs this as a systemd service (deploy/systemd/agromet-poller.service)::

    manage.py poll_stations --forever --interval 60

Without ``--forever`` it runs ``--iterations`` poll cycles (default one) and exits, which is
what we use by hand after a VPN outage and in tests.
"""
import logging
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from stations.clients import StationUnavailable, get_client
from stations.ingest import poll_station, record_failure
from stations.models import PollRun, Station

logger = logging.getLogger("agromet.poller")


class Command(BaseCommand):
    help = "Fetch new records from every active station's datalogger and store them as readings."

    def add_arguments(self, parser):
        parser.add_argument("--forever", action="store_true",
                            help="keep polling every --interval seconds until stopped (service mode)")
        parser.add_argument("--interval", type=float, default=settings.POLL_INTERVAL_SECONDS,
                            help="seconds between the start of two poll cycles (default: %(default)s)")
        parser.add_argument("--iterations", type=int, default=1,
                            help="number of poll cycles to run when not --forever (default: %(default)s)")
        parser.add_argument("--station", action="append", dest="stations", metavar="CODE",
                            help="only poll this station; may be given more than once")

    def handle(self, *args, forever=False, interval=60.0, iterations=1, stations=None, **options):
        if interval <= 0:
            raise CommandError("--interval must be positive")
        if iterations < 1:
            raise CommandError("--iterations must be at least 1")
        self.client = get_client()
        self.only = stations or None
        logger.info("poller starting: interval=%ss forever=%s client=%s",
                    interval, forever, type(self.client).__name__)

        cycle = 0
        totals = {"polled": 0, "failed": 0, "stored": 0}
        try:
            while True:
                cycle += 1
                started = time.monotonic()
                try:
                    run = self.run_once()
                except Exception:
                    logger.exception("poll cycle %d failed", cycle)
                else:
                    totals["polled"] += run.stations_polled
                    totals["failed"] += run.stations_failed
                    totals["stored"] += run.readings_stored
                    logger.info("poll cycle %d: %d stations, %d unreachable, %d new readings (%.1fs)",
                                cycle, run.stations_polled, run.stations_failed, run.readings_stored,
                                time.monotonic() - started)
                if not forever and cycle >= iterations:
                    break
                time.sleep(max(0.0, interval - (time.monotonic() - started)))
        except KeyboardInterrupt:
            logger.info("poller interrupted after %d cycles", cycle)

        self.stdout.write(
            f"{cycle} poll cycle(s): {totals['polled']} station polls, "
            f"{totals['failed']} unreachable, {totals['stored']} new readings"
        )

    def run_once(self):
        """One pass over the active stations. Returns the saved :class:`PollRun`."""
        started_at = timezone.now()
        stations = Station.objects.filter(active=True).order_by("code")
        if self.only:
            stations = stations.filter(code__in=self.only)

        polled = failed = stored = 0
        for station in stations:
            polled += 1
            try:
                stored += poll_station(station, self.client, now=started_at)
            except StationUnavailable as exc:
                failed += 1
                record_failure(station, exc, now=started_at)

        return PollRun.objects.create(
            started_at=started_at,
            finished_at=timezone.now(),
            stations_polled=polled,
            stations_failed=failed,
            readings_stored=stored,
        )
