from collections import defaultdict

from django.http import JsonResponse
from django.shortcuts import get_object_or_404

from .models import Match, MatchAttendance


def match_gate_flow(request, code):
    """Per-gate minute series for the stewarding heatmap."""
    match = get_object_or_404(Match, code=code)
    series = defaultdict(list)
    rows = match.gate_flow.select_related("gate").order_by("gate__code", "minute")
    for row in rows:
        series[row.gate.code].append(
            {"minute": row.minute.isoformat(), "admitted": row.admitted, "rejected": row.rejected,
             "reentries": row.reentries}
        )
    return JsonResponse({"match": match.code, "gates": series})


def match_attendance(request, code):
    attendance = get_object_or_404(MatchAttendance.objects.select_related("match", "busiest_gate"), match__code=code)
    return JsonResponse(
        {
            "match": attendance.match.code,
            "unique_tickets": attendance.unique_tickets,
            "admitted": attendance.admitted,
            "rejected": attendance.rejected,
            "reentries": attendance.reentries,
            "busiest_gate": attendance.busiest_gate.code if attendance.busiest_gate else None,
            "capacity_used": round(attendance.unique_tickets / attendance.match.capacity, 3),
        }
    )
