import json

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from members.models import Gym

from .models import CheckIn, OccupancySnapshot
from .services import EntryRefused, check_in


@csrf_exempt
@require_POST
def door_scan(request, gym_code):
    gym = get_object_or_404(Gym, code=gym_code)
    try:
        data = json.loads(request.body or b"{}")
        card_no = data["card_no"]
    except (ValueError, KeyError, TypeError) as exc:
        return JsonResponse({"error": f"malformed scan: {exc}"}, status=400)
    method = data.get("method", CheckIn.Method.CARD)
    if method not in CheckIn.Method.values:
        return JsonResponse({"error": f"unknown method {method}"}, status=400)
    try:
        checkin, created = check_in(card_no=card_no, gym=gym, door=data.get("door", "main"), method=method)
    except EntryRefused as exc:
        return JsonResponse({"open": False, "reason": str(exc)}, status=403)
    return JsonResponse({"open": True, "checkin": checkin.pk, "new": created}, status=201 if created else 200)


@require_GET
def occupancy(request, gym_code):
    gym = get_object_or_404(Gym, code=gym_code)
    latest = OccupancySnapshot.objects.filter(gym=gym).order_by("-taken_at").first()
    if latest is None:
        return JsonResponse({"gym": gym.code, "climbers": None})
    return JsonResponse({
        "gym": gym.code,
        "climbers": latest.climbers,
        "capacity": gym.capacity,
        "taken_at": latest.taken_at.isoformat(),
    })
