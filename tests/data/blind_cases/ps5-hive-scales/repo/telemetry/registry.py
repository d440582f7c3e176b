"""Scale registry access for the telemetry jobs (driver side).

Model imports are local to the functions: the job modules import this one and are also shipped to
spark-submit, where Django settings are not configured at import time.
"""
from datetime import timezone as dt_timezone


def scale_hive_map():
    """{DevEUI: hive id} of the active scales that are installed under a hive."""
    from apiary.models import Scale

    scales = Scale.objects.filter(is_active=True, hive__isnull=False)
    return dict(scales.values_list("device_eui", "hive_id"))


def broadcast_scale_hives(spark):
    return spark.sparkContext.broadcast(scale_hive_map())


def record_unclaimed_scales(device_euis, day):
    """Create or refresh an UnclaimedScale for every DevEUI that sent data on ``day`` without being registered."""
    from apiary.models import Scale, UnclaimedScale

    registered = set(Scale.objects.filter(device_eui__in=device_euis).values_list("device_eui", flat=True))
    recorded = 0
    for eui in sorted(set(device_euis) - registered):
        unclaimed, created = UnclaimedScale.objects.get_or_create(
            device_eui=eui, defaults={"first_seen_on": day, "last_seen_on": day})
        if not created and unclaimed.last_seen_on < day:
            unclaimed.last_seen_on = day
            unclaimed.save(update_fields=["last_seen_on"])
        recorded += 1
    return recorded


def record_swarm_alerts(drops):
    """One SwarmAlert per (hive, detected_at); returns the ids of the new ones."""
    from apiary.models import SwarmAlert

    new_ids = []
    for drop in drops:
        # collect() returns naive datetimes in the driver's local time; astimezone() reads them as such
        detected_at = drop["measured_at"].astimezone(dt_timezone.utc)
        alert, created = SwarmAlert.objects.get_or_create(
            hive_id=drop["hive_id"], detected_at=detected_at, defaults={"drop_kg": round(drop["drop_kg"], 2)})
        if created:
            new_ids.append(alert.pk)
    return new_ids


def mark_low_batteries(device_euis, day):
    from apiary.models import Scale

    Scale.objects.filter(device_eui__in=device_euis, battery_low_since__isnull=True).update(battery_low_since=day)
    return Scale.objects.exclude(device_eui__in=device_euis).filter(
        battery_low_since__isnull=False).update(battery_low_since=None)
