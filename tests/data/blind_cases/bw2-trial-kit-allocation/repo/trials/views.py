import json
from datetime import date

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .models import Participant
from .scheduling import ScheduleError
from .services import RandomizationError, RandomizationService, screen_fail


def _payload(request):
    try:
        return json.loads(request.body or b"{}")
    except ValueError:
        return None


@csrf_exempt
@require_POST
def randomize_participant(request, screening_number):
    participant = get_object_or_404(Participant, screening_number=screening_number)
    data = _payload(request)
    if data is None or "first_dose_date" not in data:
        return JsonResponse({"error": "first_dose_date is required"}, status=400)
    try:
        first_dose = date.fromisoformat(data["first_dose_date"])
    except (TypeError, ValueError):
        return JsonResponse({"error": "first_dose_date must be YYYY-MM-DD"}, status=400)
    service = RandomizationService(user=data.get("user", ""))
    try:
        randomization = service.randomize(participant, first_dose_date=first_dose)
    except (RandomizationError, ScheduleError) as exc:
        return JsonResponse({"error": str(exc)}, status=409)
    return JsonResponse(
        {
            "screening_number": participant.screening_number,
            "randomization_number": randomization.randomization_number,
            "randomized_at": randomization.randomized_at.isoformat(),
        },
        status=201,
    )


@csrf_exempt
@require_POST
def screen_fail_participant(request, screening_number):
    participant = get_object_or_404(Participant, screening_number=screening_number)
    data = _payload(request) or {}
    reason = (data.get("reason") or "").strip()
    if not reason:
        return JsonResponse({"error": "reason is required"}, status=400)
    try:
        screen_fail(participant, reason)
    except RandomizationError as exc:
        return JsonResponse({"error": str(exc)}, status=409)
    return JsonResponse({"screening_number": participant.screening_number, "status": "screen_failed"})


def participant_detail(request, screening_number):
    participant = get_object_or_404(
        Participant.objects.select_related("site__study"), screening_number=screening_number
    )
    visits = [
        {"name": v.template.name, "target_date": v.target_date.isoformat(), "status": v.status}
        for v in participant.visits.select_related("template")
    ]
    body = {
        "screening_number": participant.screening_number,
        "site": participant.site.number,
        "status": participant.status,
        "visits": visits,
    }
    if hasattr(participant, "randomization"):
        body["randomization_number"] = participant.randomization.randomization_number
    return JsonResponse(body)
