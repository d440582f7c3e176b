"""RQ jobs of the telematics app (queue "telematics")."""
from django.db.models import Max

from vehicles.models import Vehicle

from .models import Ping


def update_vehicle_positions(tracker_ids):
    """Copy each tracker's latest ping onto its vehicle."""
    updated = 0
    latest = Ping.objects.filter(tracker_id__in=tracker_ids).values("tracker_id").annotate(last=Max("recorded_at"))
    for row in latest:
        ping = Ping.objects.get(tracker_id=row["tracker_id"], recorded_at=row["last"])
        updated += Vehicle.objects.filter(tracker_id=ping.tracker_id).update(
            latitude=ping.latitude, longitude=ping.longitude, last_seen_at=ping.recorded_at
        )
        if ping.odometer_km:
            Vehicle.objects.filter(tracker_id=ping.tracker_id, odometer_km__lt=ping.odometer_km).update(
                odometer_km=ping.odometer_km
            )
    return updated
