"""Building the route sheets for one school day."""
import logging
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Absence, Rider, Route, RouteSheet, SheetLine

logger = logging.getLogger(__name__)


def pickup_datetime(day, stop):
    return timezone.make_aware(datetime.combine(day, stop.pickup_time))


def absence_cutoff(day):
    """Absences for ``day`` must be reported before ABSENCE_CUTOFF_HOUR the evening before (local time)."""
    evening_before = day - timedelta(days=1)
    return timezone.make_aware(datetime.combine(evening_before, time(settings.ABSENCE_CUTOFF_HOUR)))


def absent_students(day, reported_before):
    return set(
        Absence.objects.filter(starts_on__lte=day, ends_on__gte=day, reported_at__lte=reported_before)
        .values_list("student_id", flat=True)
    )


def build_route_sheets(day, stage, now=None):
    """(Re)build every active route's sheet for ``day``. A final sheet is never replaced by a preliminary one.
    Returns the sheets written."""
    now = now or timezone.now()
    absent = absent_students(day, reported_before=now)
    written = []
    for route in Route.objects.filter(active=True).select_related("school"):
        with transaction.atomic():
            sheet, created = RouteSheet.objects.select_for_update().get_or_create(
                route=route, day=day, defaults={"stage": stage, "built_at": now},
            )
            if not created and sheet.stage == RouteSheet.Stage.FINAL and stage == RouteSheet.Stage.PRELIMINARY:
                logger.info("%s %s already final, left alone", route.code, day)
                continue
            sheet.lines.all().delete()
            riders = (
                Rider.objects.filter(stop__route=route, active=True, student__active=True)
                .select_related("stop", "student")
            )
            lines = [
                SheetLine(sheet=sheet, stop=r.stop, student=r.student, pickup_at=pickup_datetime(day, r.stop),
                          absent=r.student_id in absent)
                for r in riders if r.rides_on(day)
            ]
            SheetLine.objects.bulk_create(lines)
            sheet.stage, sheet.built_at = stage, now
            sheet.riders = sum(not line.absent for line in lines)
            sheet.absent = sum(line.absent for line in lines)
            sheet.save()
        written.append(sheet)
    return written


def late_absences(day):
    """Absences for ``day`` reported after the cut-off (drivers are told by radio)."""
    return Absence.objects.filter(starts_on__lte=day, ends_on__gte=day, reported_at__gt=absence_cutoff(day))
