"""Reading the GBFS station_status feed."""
import json
import logging
import urllib.request
from datetime import datetime, timedelta, timezone as dt_timezone

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import Station, StationStatus

logger = logging.getLogger(__name__)


class FeedError(Exception):
    pass


class GbfsFeed:
    # One opener for the life of the process (keeps the proxy handler set up once).
    _opener = urllib.request.build_opener()

    def station_status(self):
        try:
            with self._opener.open(settings.GBFS_STATUS_URL, timeout=10) as resp:
                data = json.load(resp)
        except (OSError, ValueError) as exc:
            raise FeedError(str(exc)) from exc
        return data["data"]["stations"]


class StaticFeed:
    """Feed for tests and local dev: whatever was put in ``StaticFeed.stations``."""

    stations = []

    def station_status(self):
        return list(StaticFeed.stations)


def get_feed():
    return import_string(settings.STATION_FEED)()


def ingest_station_status(now=None):
    """Store one snapshot per station from the feed. Unknown station ids are logged and skipped."""
    now = now or timezone.now()
    by_code = {s.code: s for s in Station.objects.all()}
    rows, unknown = [], []
    for entry in get_feed().station_status():
        station = by_code.get(entry["station_id"])
        if station is None:
            unknown.append(entry["station_id"])
            continue
        reported = entry.get("last_reported")
        reported_at = datetime.fromtimestamp(reported, tz=dt_timezone.utc) if reported else now
        rows.append(StationStatus(
            station=station,
            reported_at=reported_at,
            bikes_available=entry["num_bikes_available"],
            ebikes_available=entry.get("num_ebikes_available", 0),
            docks_available=entry["num_docks_available"],
            is_renting=bool(entry.get("is_renting", True)),
        ))
    StationStatus.objects.bulk_create(rows, ignore_conflicts=True)
    if unknown:
        logger.warning("feed has %d unknown stations: %s", len(unknown), ", ".join(sorted(unknown)[:10]))
    return len(rows)


def latest_statuses(since):
    """The newest snapshot per station reported after ``since``, keyed by station id."""
    latest = {}
    for status in StationStatus.objects.filter(reported_at__gte=since).order_by("station_id", "-reported_at"):
        latest.setdefault(status.station_id, status)
    return latest


def prune_statuses(now=None):
    now = now or timezone.now()
    deleted, _ = StationStatus.objects.filter(
        reported_at__lt=now - timedelta(days=settings.STATUS_KEEP_DAYS)
    ).delete()
    return deleted
