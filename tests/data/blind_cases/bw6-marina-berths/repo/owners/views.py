import json
from datetime import date

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from .models import Boat
from .services import RegistrationError, register_boat


def _boat_payload(boat):
    return {
        "id": boat.pk,
        "name": boat.name,
        "owner": boat.owner.email,
        "kind": boat.kind,
        "size": boat.berth_class(),
        "insurance_valid_until": boat.insurance_valid_until.isoformat() if boat.insurance_valid_until else None,
        "registration_valid_until": (
            boat.registration_valid_until.isoformat() if boat.registration_valid_until else None
        ),
    }


def _date(value):
    return date.fromisoformat(value) if value else None


@csrf_exempt
@require_POST
def create_boat(request):
    try:
        data = json.loads(request.body or b"{}")
        boat = register_boat(
            owner_email=data["owner_email"],
            owner_name=data.get("owner_name", ""),
            name=data["name"],
            kind=data.get("kind", Boat.Kind.SAIL),
            length_m=data.get("length_m"),
            model=data.get("model", ""),
            needs_shore_power=bool(data.get("needs_shore_power")),
            insurance_valid_until=_date(data.get("insurance_valid_until")),
            registration_valid_until=_date(data.get("registration_valid_until")),
        )
    except (ValueError, KeyError, TypeError) as exc:
        return JsonResponse({"error": f"malformed boat: {exc}"}, status=400)
    except RegistrationError as exc:
        return JsonResponse({"error": str(exc)}, status=422)
    return JsonResponse(_boat_payload(boat), status=201)


@require_GET
def boat_detail(request, pk):
    return JsonResponse(_boat_payload(get_object_or_404(Boat.objects.select_related("owner"), pk=pk)))
