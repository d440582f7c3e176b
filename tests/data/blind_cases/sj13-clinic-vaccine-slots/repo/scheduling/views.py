from datetime import date, datetime, time, timedelta

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_GET

from clinics.models import Clinic

from .models import Slot


@require_GET
def available_slots(request, code, day):
    """Slots the booking site offers for a centre on a day, in the centre's local time."""
    clinic = get_object_or_404(Clinic, code=code, active=True)
    try:
        day = date.fromisoformat(day)
    except ValueError:
        raise Http404("bad date")
    tz = clinic.tzinfo
    day_start = timezone.make_aware(datetime.combine(day, time.min), tz)
    day_end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min), tz)
    slots = Slot.objects.filter(clinic=clinic, withdrawn=False, starts_at__gte=day_start, starts_at__lt=day_end,
                                starts_at__gt=timezone.now()).order_by("starts_at")
    return JsonResponse({
        "clinic": clinic.code,
        "date": day.isoformat(),
        "timezone": clinic.timezone,
        "slots": [
            {"id": slot.pk, "start": f"{slot.local_start:%H:%M}", "end": f"{slot.local_end:%H:%M}",
             "free": slot.free_places()}
            for slot in slots
        ],
    })
