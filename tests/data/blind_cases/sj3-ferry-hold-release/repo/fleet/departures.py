"""Keeps sailing status in step with the clock (the bridge crew only reports delays)."""
from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from .models import Sailing

# A sailing counts as departed this long after its (possibly delayed) departure time.
DEPARTED_AFTER = timedelta(minutes=5)


def advance_statuses(now=None):
    now = now or timezone.now()
    departed = 0
    arrived = 0
    active = Sailing.objects.filter(
        status__in=[Sailing.Status.SCHEDULED, Sailing.Status.DELAYED, Sailing.Status.DEPARTED],
        departs_at__lte=now,
    ).select_related("route")
    for sailing in active:
        leaves = sailing.expected_departure
        arrives = leaves + timedelta(minutes=sailing.route.crossing_minutes)
        if sailing.status != Sailing.Status.DEPARTED and leaves + DEPARTED_AFTER <= now:
            new = Sailing.Status.ARRIVED if arrives <= now else Sailing.Status.DEPARTED
        elif sailing.status == Sailing.Status.DEPARTED and arrives <= now:
            new = Sailing.Status.ARRIVED
        else:
            continue
        Sailing.objects.filter(pk=sailing.pk, status=sailing.status).update(status=new)
        if new == Sailing.Status.ARRIVED:
            arrived += 1
        else:
            departed += 1
    return {"departed": departed, "arrived": arrived}


def report_delay(sailing, minutes):
    Sailing.objects.filter(pk=sailing.pk).update(
        delay_minutes=F("delay_minutes") + minutes, status=Sailing.Status.DELAYED)
