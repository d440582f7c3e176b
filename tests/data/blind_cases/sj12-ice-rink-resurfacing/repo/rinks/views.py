from datetime import date

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_GET

from .models import ResurfacingPlan, Rink


def _hhmm(moment):
    return timezone.localtime(moment).strftime("%H:%M")


@require_GET
def resurfacing_board(request, rink_slug, day):
    """Read-only board for the drivers' tablet: today's (or any day's) floods per sheet."""
    rink = get_object_or_404(Rink, slug=rink_slug)
    if day == "today":
        the_day = timezone.localdate()
    else:
        try:
            the_day = date.fromisoformat(day)
        except ValueError:
            raise Http404("bad date")
    plans = (
        ResurfacingPlan.objects.filter(sheet__rink=rink, day=the_day)
        .select_related("sheet")
        .prefetch_related("slots__after_session")
    )
    sheets = []
    for plan in plans:
        sheets.append({
            "sheet": plan.sheet.name,
            "built_at": timezone.localtime(plan.built_at).isoformat(timespec="minutes"),
            "floods": [
                {
                    "from": _hhmm(slot.starts_at),
                    "to": _hhmm(slot.ends_at),
                    "reason": slot.get_reason_display(),
                    "after": str(slot.after_session) if slot.after_session else None,
                }
                for slot in plan.slots.all()
            ],
        })
    return JsonResponse({"rink": rink.name, "day": the_day.isoformat(), "sheets": sheets})
