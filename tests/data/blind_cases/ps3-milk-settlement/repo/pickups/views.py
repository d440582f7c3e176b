import json

from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .tasks import alert_warm_tank


@csrf_exempt
@require_POST
def warm_tank(request):
    try:
        data = json.loads(request.body)
        temp = float(data["temp_c"])
        args = (data["farm_code"], data["tanker"], temp, data["reported_at"])
    except (ValueError, KeyError, TypeError):
        return HttpResponseBadRequest("farm_code, tanker, temp_c and reported_at required")
    if temp <= settings.MILK["WARM_TANK_C"]:
        return JsonResponse({"alert": False})
    alert_warm_tank.delay(*args)
    return JsonResponse({"alert": True}, status=202)
