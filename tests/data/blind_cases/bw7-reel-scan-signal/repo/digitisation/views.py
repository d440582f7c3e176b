import json

from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from collection.models import Film
from reelhouse.routers import COLLECTIONS_DB

from .models import DigitisationRequest, ScanBatch
from .services import RequestError, save_draft, submit_request


def _as_json(req):
    return {
        "id": req.pk,
        "film": req.film.accession_no,
        "status": req.status,
        "priority": req.priority,
        "scanner": req.scanner.name if req.scanner_id else None,
        "estimated_minutes": req.estimated_minutes,
        "reels": sorted(rr.reel.number for rr in req.requested_reels.select_related("reel")),
    }


def _body(request):
    try:
        return json.loads(request.body or b"{}")
    except ValueError:
        return None


@csrf_exempt
@require_POST
def create_request(request):
    data = _body(request)
    if not data or "film" not in data or "reels" not in data:
        return JsonResponse({"error": "film and reels are required"}, status=400)
    film = get_object_or_404(Film, accession_no=data["film"])
    user = data.get("requested_by") or getattr(request.user, "username", "") or "anonymous"
    try:
        if data.get("draft"):
            req = save_draft(film=film, reel_numbers=data["reels"], requested_by=user,
                             purpose=data.get("purpose", ""))
        else:
            req = submit_request(film=film, reel_numbers=data["reels"], requested_by=user,
                                 purpose=data.get("purpose", ""),
                                 priority=int(data.get("priority", DigitisationRequest.Priority.NORMAL)))
    except RequestError as exc:
        return JsonResponse({"error": str(exc)}, status=409)
    return JsonResponse(_as_json(req), status=201)


@csrf_exempt
@require_POST
def submit_draft(request, pk):
    draft = get_object_or_404(DigitisationRequest, pk=pk)
    data = _body(request) or {}
    reels = data.get("reels") or [rr.reel.number for rr in draft.requested_reels.select_related("reel")]
    try:
        req = submit_request(film=draft.film, reel_numbers=reels, requested_by=draft.requested_by,
                             purpose=data.get("purpose", ""),
                             priority=int(data.get("priority", draft.priority)), draft=draft)
    except RequestError as exc:
        return JsonResponse({"error": str(exc)}, status=409)
    return JsonResponse(_as_json(req))


@csrf_exempt
@require_POST
def mark_batch_scanned(request, pk):
    with transaction.atomic(using=COLLECTIONS_DB):
        batch = get_object_or_404(ScanBatch.objects.select_for_update(), pk=pk)
        if batch.status != ScanBatch.Status.WAITING:
            return JsonResponse({"error": f"batch is {batch.status}"}, status=409)
        batch.status = ScanBatch.Status.SCANNED
        batch.scanned_at = timezone.now()
        batch.save(update_fields=["status", "scanned_at"])
    return JsonResponse({"id": batch.pk, "status": batch.status})


@require_GET
def request_detail(request, pk):
    return JsonResponse(_as_json(get_object_or_404(DigitisationRequest, pk=pk)))
