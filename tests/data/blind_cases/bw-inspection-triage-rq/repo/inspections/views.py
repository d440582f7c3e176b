import json

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from vehicles.models import Driver, Vehicle

from .models import Inspection
from .services import InspectionError, submit_inspection


@csrf_exempt
@require_POST
def submit_inspection_view(request, plate):
    try:
        payload = json.loads(request.body)
        vehicle = Vehicle.objects.get(plate=plate.upper())
        driver = Driver.objects.get(employee_no=payload["driver"])
        inspection = submit_inspection(
            vehicle, driver,
            odometer_km=int(payload["odometer_km"]),
            kind=payload.get("kind", Inspection.Kind.PRE_TRIP),
            defects=payload.get("defects", []),
        )
    except (Vehicle.DoesNotExist, Driver.DoesNotExist):
        return JsonResponse({"error": "unknown vehicle or driver"}, status=404)
    except InspectionError as exc:
        return JsonResponse({"error": str(exc)}, status=422)
    except (KeyError, TypeError, ValueError) as exc:
        return JsonResponse({"error": f"bad payload: {exc}"}, status=400)
    return JsonResponse({"id": inspection.pk, "status": inspection.status}, status=201)
