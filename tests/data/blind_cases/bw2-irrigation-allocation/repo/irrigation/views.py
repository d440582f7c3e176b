from django.http import JsonResponse
from django.shortcuts import get_object_or_404

from farms.models import Farm, SeasonAllocation

from .models import IrrigationRun


def allocation_status(request, member_number):
    farm = get_object_or_404(Farm, member_number=member_number)
    allocation = SeasonAllocation.objects.current_for(farm)
    if allocation is None:
        return JsonResponse({"error": "no allocation for the current season"}, status=404)
    return JsonResponse({
        "farm": farm.member_number,
        "season_start": allocation.season_start.isoformat(),
        "season_end": allocation.season_end.isoformat(),
        "allocated_liters": allocation.allocated_liters,
        "remaining_liters": allocation.remaining_liters,
        "used_liters": allocation.used_liters,
        "low": allocation.is_low,
    })


def recent_runs(request, member_number):
    farm = get_object_or_404(Farm, member_number=member_number)
    runs = IrrigationRun.objects.filter(zone__farm=farm).select_related("zone").order_by("-scheduled_start")[:50]
    return JsonResponse({"runs": [
        {
            "id": run.pk,
            "zone": run.zone.name,
            "scheduled_start": run.scheduled_start.isoformat(),
            "status": run.status,
            "planned_liters": run.planned_liters,
            "delivered_liters": run.delivered_liters,
        }
        for run in runs
    ]})
