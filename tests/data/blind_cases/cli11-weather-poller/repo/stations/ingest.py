"""Storing logger records as readings, and keeping per-station poll state."""
import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from outbox.services import enqueue

from . import qc
from .models import Reading, Station

logger = logging.getLogger("agromet.ingest")


def poll_station(station, client, *, now=None):
    """Fetch the records ``station`` has logged since we last heard from it and store them.

    Returns the number of new readings.  Raises ``StationUnavailable`` (from the client) if
    the logger cannot be reached; nothing is written in that case.
    """
    now = now or timezone.now()
    since = station.last_observed_at or (now - settings.STATION_BACKFILL)
    horizon = now + settings.STATION_MAX_CLOCK_SKEW

    readings = []
    for obs in client.fetch(station, since):
        if obs.observed_at <= since:
            continue
        if obs.observed_at > horizon:
            logger.warning("%s: record from the future (%s), logger clock is off", station.code, obs.observed_at)
            continue
        values, flags = qc.check(obs.values)
        if flags:
            logger.info("%s %s: out of range %s", station.code, obs.observed_at.isoformat(), ",".join(flags))
        readings.append(Reading(station=station, observed_at=obs.observed_at, qc_flags=",".join(flags), **values))

    with transaction.atomic():
        Reading.objects.bulk_create(readings, ignore_conflicts=True)
        station.last_polled_at = now
        station.consecutive_failures = 0
        if readings:
            station.last_observed_at = max(r.observed_at for r in readings)
        station.save(update_fields=["last_polled_at", "last_observed_at", "consecutive_failures"])
        _frost_alerts(station, readings)
    return len(readings)


def _frost_alerts(station, readings):
    threshold = settings.FROST_ALERT_THRESHOLD_C
    cold = [r for r in readings if r.air_temp_c is not None and r.air_temp_c <= threshold]
    if not cold:
        return
    coldest = min(cold, key=lambda r: r.air_temp_c)
    # One alert per station and night: the key is the local date of the evening the night started.
    night = timezone.localtime(coldest.observed_at) - timedelta(hours=12)
    enqueue(
        "frost.alert",
        {
            "station": station.code,
            "observed_at": coldest.observed_at.isoformat(),
            "air_temp_c": coldest.air_temp_c,
            "threshold_c": threshold,
        },
        key=f"frost:{station.code}:{night.date().isoformat()}",
    )


def record_failure(station, error, *, now=None):
    """Count a failed poll; raise a ``station.offline`` alert when the limit is crossed."""
    now = now or timezone.now()
    Station.objects.filter(pk=station.pk).update(
        consecutive_failures=F("consecutive_failures") + 1, last_polled_at=now
    )
    station.refresh_from_db(fields=["consecutive_failures", "last_polled_at"])
    logger.warning("%s: poll failed (%d in a row): %s", station.code, station.consecutive_failures, error)
    if station.consecutive_failures == settings.STATION_OFFLINE_AFTER_FAILURES:
        enqueue(
            "station.offline",
            {
                "station": station.code,
                "failures": station.consecutive_failures,
                "last_observed_at": station.last_observed_at.isoformat() if station.last_observed_at else None,
                "error": str(error),
            },
            key=f"offline:{station.code}:{now:%Y%m%d%H%M}",
        )
