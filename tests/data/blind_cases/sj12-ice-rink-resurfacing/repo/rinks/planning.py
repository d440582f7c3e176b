"""Resurfacing (Zamboni) plan for one day.

Rules the ice crew works by:

* the ice is flooded before the first session of the day, so it is ready when the doors open;
* after every session, in the gap before the next one (unless the session is marked as sharing
  its flood with the following practice);
* in the middle of long public skates (skaters are cleared off for one flood);
* once after the last session, so the night crew leaves a fresh sheet.

A gap that is too short for a flood, or two sessions that overlap, is a booking mistake the
front office has to fix; the plan is not built until it is.
"""
import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import IceSession, ResurfacingPlan, ResurfacingSlot, Sheet

logger = logging.getLogger(__name__)

ROUND_TO = timedelta(minutes=5)


class PlanningError(Exception):
    pass


def _round_down(moment):
    local = timezone.localtime(moment)
    extra = timedelta(minutes=local.minute % 5, seconds=local.second, microseconds=local.microsecond)
    return moment - extra


def _slot(start, length, reason, after=None):
    return ResurfacingSlot(starts_at=start, ends_at=start + length, reason=reason, after_session=after)


def plan_slots(sheet, sessions):
    """Unsaved slots for ``sessions`` (one sheet, one day, sorted by start)."""
    if not sessions:
        return []
    flood = timedelta(minutes=sheet.resurface_minutes)
    longest_run = timedelta(minutes=sheet.max_minutes_between_resurfaces)
    Reason = ResurfacingSlot.Reason

    slots = [_slot(sessions[0].starts_at - flood, flood, Reason.OPENING)]
    for current, following in zip(sessions, sessions[1:] + [None]):
        length = current.ends_at - current.starts_at
        if length <= timedelta(0):
            raise PlanningError(f"{sheet}: {current} ends before it starts")
        if current.kind == IceSession.Kind.PUBLIC and length > longest_run:
            middle = _round_down(current.starts_at + (length - flood) / 2)
            slots.append(_slot(middle, flood, Reason.MID_SESSION, current))

        if following is None:
            slots.append(_slot(current.ends_at, flood, Reason.CLOSING, current))
            break

        gap = following.starts_at - current.ends_at
        if gap < timedelta(0):
            raise PlanningError(f"{sheet}: {current} overlaps {following}")
        if not current.resurface_after:
            continue
        if gap < flood:
            minutes = int(gap.total_seconds() // 60)
            raise PlanningError(
                f"{sheet}: only {minutes} min between {current} and {following}, "
                f"a flood needs {sheet.resurface_minutes}")
        slots.append(_slot(current.ends_at, flood, Reason.BETWEEN, current))
    return slots


def build_resurfacing_plan(sheet, day):
    """(Re)build the plan of ``sheet`` for ``day`` from the sessions booked right now."""
    sessions = list(
        sheet.sessions.active().on_day(day).order_by("starts_at", "pk")
    )
    slots = plan_slots(sheet, sessions)
    with transaction.atomic():
        plan, _ = ResurfacingPlan.objects.update_or_create(
            sheet=sheet, day=day, defaults={"built_at": timezone.now()})
        plan.slots.all().delete()
        for slot in slots:
            slot.plan = plan
        ResurfacingSlot.objects.bulk_create(slots)
    logger.debug("%s: %d sessions, %d floods", plan, len(sessions), len(slots))
    return plan


def build_plans_for_day(day, rink=None):
    sheets = Sheet.objects.filter(active=True).select_related("rink")
    if rink is not None:
        sheets = sheets.filter(rink=rink)
    return [build_resurfacing_plan(sheet, day) for sheet in sheets]
