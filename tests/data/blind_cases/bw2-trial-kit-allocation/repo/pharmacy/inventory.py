"""Kit stock at the sites."""
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Kit, ResupplyRequest


class NoKitAvailable(Exception):
    pass


def allocatable_kits(site, arm, *, today=None):
    today = today or timezone.localdate()
    cutoff = today + timedelta(days=settings.KIT_EXPIRY_MARGIN_DAYS)
    return Kit.objects.filter(site=site, arm=arm, status=Kit.Status.AVAILABLE, expires_on__gt=cutoff)


def take_kit(site, arm):
    """Reserve the available kit of ``arm`` at ``site`` that expires first."""
    with transaction.atomic():
        kit = allocatable_kits(site, arm).select_for_update().order_by("expires_on", "kit_number").first()
        if kit is None:
            raise NoKitAvailable(f"no {arm.code} kit available at site {site.number}")
        kit.status = Kit.Status.ALLOCATED
        kit.save(update_fields=["status"])
    return kit


def request_resupply(site, arm, quantity):
    """Open a resupply request unless one is already open for the site and arm."""
    with transaction.atomic():
        existing = ResupplyRequest.objects.filter(site=site, arm=arm, status=ResupplyRequest.Status.OPEN).first()
        if existing:
            return existing, False
        return ResupplyRequest.objects.create(site=site, arm=arm, quantity=quantity), True


def expire_old_kits(today=None):
    today = today or timezone.localdate()
    return Kit.objects.filter(status=Kit.Status.AVAILABLE, expires_on__lte=today).update(status=Kit.Status.EXPIRED)
