"""Storing job results in the operations database (driver side only)."""
import logging

from django.db import transaction

from stations.models import Station, StationAlert, StationQC, StationUptime

log = logging.getLogger(__name__)


def _stations_by_id():
    return {s.nslc_prefix: s for s in Station.objects.select_related("network")}


@transaction.atomic
def record_quality(day, report, alert_rate, min_picks):
    """Store the pick-quality report of ``day``; returns the StationAlert rows raised."""
    stations = _stations_by_id()
    alerts = []
    for station_id, q in sorted(report.items()):
        station = stations.get(station_id)
        if station is None:
            log.warning("pick_quality %s: %s is not in the inventory, skipped", day, station_id)
            continue
        StationQC.objects.update_or_create(
            station=station, day=day,
            defaults={"picks": q.picks, "p_picks": q.p_picks, "s_picks": q.s_picks, "mean_snr": q.mean_snr,
                      "rejected": q.rejected, "rejected_by_reason": dict(q.rejected_by_reason)},
        )
        if q.picks >= min_picks and q.rejection_rate >= alert_rate:
            worst = max(q.rejected_by_reason, key=q.rejected_by_reason.get)
            alert, _ = StationAlert.objects.update_or_create(
                station=station, kind=StationAlert.KIND_PICK_QUALITY, day=day,
                defaults={"message": f"{q.rejected} of {q.picks} picks screened out (mostly {worst})"},
            )
            alerts.append(alert)
    return alerts


@transaction.atomic
def record_uptime(day, channels):
    stations = _stations_by_id()
    stored = 0
    for ch in channels:
        station = stations.get(ch.station_id)
        if station is None:
            continue
        StationUptime.objects.update_or_create(
            station=station, channel=ch.channel, day=day,
            defaults={"available_s": ch.available_s, "gaps": ch.gaps},
        )
        stored += 1
        if ch.available_s < 3600:
            StationAlert.objects.get_or_create(
                station=station, kind=StationAlert.KIND_OUTAGE, day=day,
                defaults={"message": f"{ch.channel}: only {ch.available_s:.0f} s of data"},
            )
    return stored
