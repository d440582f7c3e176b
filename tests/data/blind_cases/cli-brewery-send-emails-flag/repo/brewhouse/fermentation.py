"""Deciding when a batch has finished fermenting."""
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from .models import Batch


def is_stable(batch, now=None):
    """True when the gravity moved less than FERMENTATION_STABLE_DELTA over the stable window."""
    now = now or timezone.now()
    window_start = now - timedelta(hours=settings.FERMENTATION_STABLE_HOURS)
    readings = list(batch.readings.filter(taken_at__gte=window_start).values_list("gravity", flat=True))
    if len(readings) < 2:
        return False
    if batch.readings.filter(taken_at__lt=window_start).count() == 0:
        # not enough history yet to call it stable
        return False
    return max(readings) - min(readings) < Decimal(str(settings.FERMENTATION_STABLE_DELTA))


def fermenting_batches(site=None):
    qs = Batch.objects.filter(status__in=[Batch.Status.BREWED, Batch.Status.FERMENTING]).select_related(
        "recipe", "site", "tank"
    )
    if site is not None:
        qs = qs.filter(site=site)
    return qs.order_by("brewed_at")


def mark_fermented(batch, now=None):
    now = now or timezone.now()
    last = batch.readings.order_by("-taken_at").first()
    batch.status = Batch.Status.CONDITIONING
    batch.fermentation_done_at = now
    if last is not None:
        batch.final_gravity = last.gravity
    batch.save(update_fields=["status", "fermentation_done_at", "final_gravity"])
    return batch
