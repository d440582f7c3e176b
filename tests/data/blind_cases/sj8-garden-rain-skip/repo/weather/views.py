import json
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import JsonResponse
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .models import RainReading


@csrf_exempt
@require_POST
def upload_reading(request):
    """The gauge logger posts {"gauge": "shed", "at": "2024-01-16T07:30:00+11:00", "mm": "1.2"}."""
    if request.headers.get("X-Gauge-Token") != settings.GARDEN["GAUGE_TOKEN"]:
        return JsonResponse({"error": "bad token"}, status=403)
    try:
        payload = json.loads(request.body)
        recorded_at = parse_datetime(payload["at"])
        mm = Decimal(str(payload["mm"]))
    except (ValueError, KeyError, TypeError, InvalidOperation):
        return JsonResponse({"error": "malformed reading"}, status=400)
    if recorded_at is None or recorded_at.tzinfo is None:
        return JsonResponse({"error": "timestamp needs a UTC offset"}, status=400)
    if mm < 0:
        return JsonResponse({"error": "negative rain"}, status=400)
    try:
        with transaction.atomic():
            RainReading.objects.create(gauge_id=payload.get("gauge", "shed"), recorded_at=recorded_at, mm=mm)
    except IntegrityError:
        return JsonResponse({"status": "duplicate"}, status=200)
    return JsonResponse({"status": "stored"}, status=201)
