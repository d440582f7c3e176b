import json

from django.conf import settings
from django.db import transaction
from django.http import JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from .admissions import store_batch
from .models import TimeSlot
from .tasks import process_scan_batch


def _gate_authorised(request, gate):
    token = settings.GATE_TOKENS.get(gate)
    return bool(token) and request.headers.get("Authorization") == f"Token {token}"


@csrf_exempt
@require_POST
def upload_batch(request, gate):
    if not _gate_authorised(request, gate):
        return JsonResponse({"error": "unknown gate or bad token"}, status=403)
    try:
        payload = json.loads(request.body)
        scans = []
        for row in payload["scans"]:
            when = parse_datetime(row["scanned_at"])
            if when is None:
                raise ValueError(row["scanned_at"])
            if timezone.is_naive(when):
                when = timezone.make_aware(when)
            scans.append((row["code"].strip().upper(), when))
    except (KeyError, TypeError, ValueError) as exc:
        return JsonResponse({"error": f"bad payload: {exc}"}, status=400)
    batch = store_batch(gate, payload.get("device_id", "unknown"), scans)
    batch_id = batch.pk
    transaction.on_commit(lambda: process_scan_batch.delay(batch_id))
    return JsonResponse({"batch": batch_id, "scans": len(scans)}, status=202)


@require_GET
def occupancy(request, slot_id):
    slot = TimeSlot.objects.get(pk=slot_id)
    return JsonResponse({"slot": slot.pk, "capacity": slot.capacity, "sold": slot.sold,
                         "admitted": slot.admitted})
