"""Endpoint the field app posts inspections to."""
import json
from datetime import date
from decimal import Decimal, InvalidOperation

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from .models import Hive, Inspection


@login_required
@require_POST
def record_inspection(request, tag):
    hive = get_object_or_404(Hive, tag=tag, apiary__beekeeper=request.user)
    try:
        data = json.loads(request.body)
        inspected_on = date.fromisoformat(data.get("inspected_on") or date.today().isoformat())
        varroa = data.get("varroa_per_100")
        varroa = Decimal(str(varroa)) if varroa is not None else None
        brood = int(data.get("brood_frames", 0))
    except (ValueError, InvalidOperation, TypeError):
        return HttpResponseBadRequest("invalid inspection")
    if brood < 0 or brood > 40:
        return HttpResponseBadRequest("brood_frames out of range")
    inspection = Inspection.objects.create(
        hive=hive, inspected_on=inspected_on, inspector=request.user, queen_seen=bool(data.get("queen_seen")),
        brood_frames=brood, varroa_per_100=varroa, notes=data.get("notes", ""),
    )
    return JsonResponse({"id": inspection.pk}, status=201)
