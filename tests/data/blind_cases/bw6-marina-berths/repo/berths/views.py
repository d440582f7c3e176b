import json
from datetime import date, timedelta

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from owners.models import Boat

from .models import Berth, Stay, StayNight
from .services import BookingError, NoBerthAvailable, StayBooker, StayRequest


def _stay_payload(stay):
    return {
        "id": stay.pk,
        "boat_id": stay.boat_id,
        "boat_name": stay.boat_name,
        "berth": stay.berth.code,
        "arrival": stay.arrival.isoformat(),
        "departure": stay.departure.isoformat(),
        "status": stay.status,
        "nights": stay.night_count,
        "total": str(stay.total),
    }


@csrf_exempt
@require_POST
def book_stay(request, boat_id):
    boat = get_object_or_404(Boat.objects.select_related("owner"), pk=boat_id)
    try:
        data = json.loads(request.body or b"{}")
        stay_request = StayRequest(
            boat=boat,
            arrival=date.fromisoformat(data["arrival"]),
            departure=date.fromisoformat(data["departure"]),
            special_requests=data.get("special_requests", ""),
        )
    except (ValueError, KeyError, TypeError) as exc:
        return JsonResponse({"error": f"malformed booking: {exc}"}, status=400)
    try:
        stay = StayBooker().book(stay_request)
    except NoBerthAvailable as exc:
        return JsonResponse({"error": str(exc), "waitlist": True}, status=409)
    except BookingError as exc:
        return JsonResponse({"error": str(exc)}, status=409)
    return JsonResponse(_stay_payload(stay), status=201)


@require_GET
def stay_detail(request, pk):
    return JsonResponse(_stay_payload(get_object_or_404(Stay.objects.select_related("berth"), pk=pk)))


@csrf_exempt
@require_POST
def cancel_stay(request, pk):
    stay = get_object_or_404(Stay, pk=pk)
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        data = {}
    try:
        stay = StayBooker().cancel(stay, data.get("reason") or "cancelled by owner")
    except BookingError as exc:
        return JsonResponse({"error": str(exc)}, status=409)
    return JsonResponse(_stay_payload(stay))


@require_GET
def availability(request):
    try:
        start = date.fromisoformat(request.GET["from"])
        end = date.fromisoformat(request.GET["to"])
    except (KeyError, ValueError):
        return JsonResponse({"error": "from and to are required (YYYY-MM-DD)"}, status=400)
    if end <= start or (end - start).days > 62:
        return JsonResponse({"error": "bad date range"}, status=400)
    nights = [start + timedelta(days=i) for i in range((end - start).days)]
    taken = {}
    for berth_id, night in StayNight.objects.filter(night__in=nights).values_list("berth_id", "night"):
        taken.setdefault(night, set()).add(berth_id)
    berths = list(Berth.objects.filter(active=True))
    result = {}
    for night in nights:
        free = [berth for berth in berths if berth.pk not in taken.get(night, set())]
        counts = {}
        for berth in free:
            counts[berth.size] = counts.get(berth.size, 0) + 1
        result[night.isoformat()] = counts
    return JsonResponse({"free_berths": result})
