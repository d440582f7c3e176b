"""Scheduled jobs for the gauging stations (registered in riverwatch/scheduler.py)."""
import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from riverwatch.locks import cache_lock

from .models import Alert, Reading, Station
from .telemetry import default_client

log = logging.getLogger(__name__)


def sync_readings(client=None, now=None):
    """Fetch new water levels for all active stations.

    Runs every few minutes; after a provider outage one run may backfill up
    to MAX_BACKFILL_HOURS of data, so runs must not overlap. Returns the
    number of new readings stored, or None if another run was in progress.
    """
    with cache_lock("sync-readings") as acquired:
        if not acquired:
            log.warning("sync_readings: previous run still in progress, skipping")
            return None
        return _fetch_and_store(client or default_client(), now or timezone.now())


def _fetch_and_store(client, now):
    stations = {s.code: s for s in Station.objects.filter(active=True)}
    if not stations:
        return 0
    oldest_allowed = now - timedelta(hours=settings.RIVERWATCH["MAX_BACKFILL_HOURS"])
    known = [s.last_reading_at for s in stations.values() if s.last_reading_at]
    since = max(min(known), oldest_allowed) if len(known) == len(stations) else oldest_allowed

    raw = client.readings_since(sorted(stations), since)

    new, latest = [], {}
    for r in raw:
        station = stations.get(r.station_code)
        if station is None:
            continue
        if station.last_reading_at and r.measured_at <= station.last_reading_at:
            continue
        new.append(Reading(station=station, measured_at=r.measured_at, level_m=r.level_m))
        if r.measured_at > latest.get(station.code, r.measured_at - timedelta(seconds=1)):
            latest[station.code] = r.measured_at

    with transaction.atomic():
        Reading.objects.bulk_create(new, ignore_conflicts=True)
        for code, measured_at in latest.items():
            Station.objects.filter(pk=stations[code].pk).update(last_reading_at=measured_at)
    log.info("sync_readings: %d new reading(s) for %d station(s)", len(new), len(latest))
    return len(new)


def _notify(station, level, reading):
    """Mail the duty officer, at most once per ALERT_REPEAT_MINUTES per station and level."""
    repeat = settings.RIVERWATCH["ALERT_REPEAT_MINUTES"] * 60
    # The key is meant to outlive the run: it expires by itself and suppresses repeats until then.
    if not cache.add(f"riverwatch:notified:{station.code}:{level}", reading.measured_at.isoformat(), timeout=repeat):
        return False
    send_mail(
        subject=f"[Riverwatch] {level.upper()}: {station.name} at {reading.level_m} m",
        message=(f"{station.name} ({station.river}) measured {reading.level_m} m at "
                 f"{timezone.localtime(reading.measured_at):%d.%m.%Y %H:%M}.\n"
                 f"Warning level {station.warning_level_m} m, alert level {station.alert_level_m} m."),
        from_email=None,
        recipient_list=settings.RIVERWATCH["ALERT_RECIPIENTS"],
    )
    return True


def check_levels(now=None):
    """Raise, escalate or clear alerts from each station's latest reading.

    Idempotent (an open alert is reused), so it needs no lock.
    """
    now = now or timezone.now()
    raised = 0
    for station in Station.objects.filter(active=True):
        reading = station.readings.order_by("-measured_at").first()
        if reading is None:
            continue
        if reading.level_m >= station.alert_level_m:
            level = Alert.Level.ALERT
        elif reading.level_m >= station.warning_level_m:
            level = Alert.Level.WARNING
        else:
            Alert.objects.filter(station=station, cleared_at__isnull=True).update(cleared_at=now)
            continue
        alert = Alert.objects.filter(station=station, cleared_at__isnull=True).first()
        if alert is None:
            alert = Alert.objects.create(station=station, level=level, raised_at=now,
                                         peak_level_m=reading.level_m)
            raised += 1
        else:
            if level == Alert.Level.ALERT and alert.level == Alert.Level.WARNING:
                alert.level = level
            alert.peak_level_m = max(alert.peak_level_m, reading.level_m)
            alert.save(update_fields=["level", "peak_level_m"])
        _notify(station, alert.level, reading)
    return raised


def prune_readings(now=None):
    """Delete readings older than KEEP_READINGS_DAYS (the daily summaries are kept)."""
    with cache_lock("prune-readings") as acquired:
        if not acquired:
            log.warning("prune_readings: previous run still in progress, skipping")
            return None
        cutoff = (now or timezone.now()) - timedelta(days=settings.RIVERWATCH["KEEP_READINGS_DAYS"])
        deleted, _ = Reading.objects.filter(measured_at__lt=cutoff).delete()
        log.info("prune_readings: %d reading(s) older than %s deleted", deleted, cutoff.date())
        return deleted
