import json

from django.conf import settings
from django.db import transaction
from django.http import JsonResponse
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from fleetdesk.queues import get_queue

from .jobs import update_vehicle_positions
from .models import Ping


@csrf_exempt
@require_POST
def ingest_ping(request):
    if not settings.TELEMATICS_TOKEN or request.headers.get("X-Tracker-Token") != settings.TELEMATICS_TOKEN:
        return JsonResponse({"error": "forbidden"}, status=403)
    try:
        rows = json.loads(request.body)["pings"]
        pings = []
        for row in rows:
            recorded_at = parse_datetime(row["t"])
            if recorded_at is None or recorded_at.tzinfo is None:
                raise ValueError(f"bad timestamp {row['t']!r}")
            pings.append(Ping(tracker_id=row["id"], recorded_at=recorded_at, latitude=float(row["lat"]),
                              longitude=float(row["lon"]), odometer_km=row.get("odo"),
                              speed_kmh=float(row.get("kmh", 0))))
    except (KeyError, TypeError, ValueError) as exc:
        return JsonResponse({"error": f"bad payload: {exc}"}, status=400)
    with transaction.atomic():
        Ping.objects.bulk_create(pings, ignore_conflicts=True)
        tracker_ids = sorted({p.tracker_id for p in pings})
        transaction.on_commit(lambda: get_queue("telematics").enqueue(update_vehicle_positions, tracker_ids))
    return JsonResponse({"accepted": len(pings)}, status=202)
