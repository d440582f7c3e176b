from datetime import date

from django.http import Http404, JsonResponse

from weather.models import DailyRainfall

from .models import WateringShift


def day_plan(request, day):
    """Shifts of one day, for the noticeboard tablet in the shed."""
    try:
        day = date.fromisoformat(day)
    except ValueError:
        raise Http404("not a date")
    shifts = WateringShift.objects.on_day(day).select_related("gardener").prefetch_related("beds")
    rain = DailyRainfall.objects.filter(day=day).first()
    return JsonResponse({
        "day": day.isoformat(),
        "rain_mm": str(rain.total_mm) if rain else None,
        "shifts": [
            {"slot": s.slot, "gardener": s.gardener.name, "status": s.status,
             "beds": [b.code for b in s.beds.all()]}
            for s in shifts
        ],
    })
