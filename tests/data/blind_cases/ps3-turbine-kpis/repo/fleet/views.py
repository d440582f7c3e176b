import json
from datetime import date

from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from .models import MonthlyTurbineKPI, WindFarm
from .tasks import open_fault_ticket


@csrf_exempt
@require_POST
def gateway_alarm(request):
    if request.headers.get("X-Gateway-Token") != settings.GATEWAY_WEBHOOK_TOKEN:
        return HttpResponseForbidden()
    try:
        payload = json.loads(request.body)
        turbine_id, alarm_code = payload["turbine_id"], payload["alarm_code"]
    except (ValueError, KeyError):
        return HttpResponseBadRequest("turbine_id and alarm_code required")
    if payload.get("severity", "warning") == "fault":
        open_fault_ticket.delay(turbine_id, alarm_code, payload.get("text", ""))
    return JsonResponse({"accepted": True}, status=202)


@require_GET
def farm_kpis(request, code, month):
    farm = get_object_or_404(WindFarm, code=code)
    try:
        first = date.fromisoformat(f"{month}-01")
    except ValueError:
        return HttpResponseBadRequest("month must be YYYY-MM")
    rows = MonthlyTurbineKPI.objects.filter(turbine__farm=farm, month=first).select_related("turbine")
    return JsonResponse({
        "farm": farm.code,
        "month": month,
        "turbines": [
            {
                "turbine_id": k.turbine.turbine_id,
                "energy_mwh": str(k.energy_mwh),
                "availability_pct": str(k.availability_pct),
                "capacity_factor": None if k.capacity_factor is None else str(k.capacity_factor),
            }
            for k in rows.order_by("turbine__turbine_id")
        ],
    })
