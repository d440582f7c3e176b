import json
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from . import jobs
from .models import Technician, Timesheet, WorkOrder
from .queueing import enqueue


class BadEntry(ValueError):
    pass


def _parse_entry(tech, raw):
    try:
        hours = Decimal(str(raw["hours"]))
        work_date = date.fromisoformat(raw["date"])
    except (KeyError, InvalidOperation, ValueError, TypeError) as exc:
        raise BadEntry(f"bad entry {raw!r}: {exc}") from exc
    kind = raw.get("kind", Timesheet.Kind.WORK)
    if kind not in Timesheet.Kind.values:
        raise BadEntry(f"unknown kind {kind!r}")
    work_order = None
    if raw.get("work_order"):
        work_order = WorkOrder.objects.filter(number=raw["work_order"]).first()
        if work_order is None:
            raise BadEntry(f"unknown work order {raw['work_order']}")
    return Timesheet(technician=tech, work_order=work_order, work_date=work_date, hours=hours,
                     kind=kind, client_ref=str(raw.get("client_ref", ""))[:40])


@csrf_exempt
@require_POST
def sync_timesheets(request, employee_no):
    """Endpoint the tablet app calls when it gets connectivity back."""
    tech = get_object_or_404(Technician, employee_no=employee_no)
    try:
        payload = json.loads(request.body)
        entries = [_parse_entry(tech, raw) for raw in payload["entries"]]
    except (ValueError, KeyError, TypeError) as exc:
        return JsonResponse({"error": str(exc)}, status=422)

    accepted, duplicates = [], []
    with transaction.atomic():
        for ts in entries:
            try:
                with transaction.atomic():
                    ts.save()
            except IntegrityError:
                duplicates.append(ts.client_ref)
                continue
            accepted.append(ts.pk)
            transaction.on_commit(lambda pk=ts.pk: enqueue(jobs.apply_timesheet, pk, queue="timesheets"))
    return JsonResponse({"accepted": accepted, "duplicates": duplicates}, status=202)


@require_GET
def technician_hours(request, employee_no):
    tech = get_object_or_404(Technician, employee_no=employee_no)
    return JsonResponse({
        "employee_no": tech.employee_no,
        "regular_hours": str(tech.regular_hours),
        "overtime_hours": str(tech.overtime_hours),
        "monthly_cap": str(tech.monthly_cap),
        "pending": tech.timesheets.filter(status=Timesheet.Status.SUBMITTED).count(),
    })
