"""Listing lifecycle helpers shared by the importer, the admin and the tasks."""
import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Listing

logger = logging.getLogger(__name__)

SYNDICATED_STATUSES = (Listing.Status.ACTIVE, Listing.Status.PENDING)


def default_expiry(listed_on):
    return listed_on + timedelta(days=settings.LISTING_DEFAULT_TERM_DAYS)


def expire_listings(today=None):
    """Flip active/pending listings whose agreement ran out to "expired"."""
    today = today or timezone.localdate()
    with transaction.atomic():
        expired = Listing.objects.filter(
            status__in=SYNDICATED_STATUSES, expires_on__isnull=False, expires_on__lt=today
        ).update(status=Listing.Status.EXPIRED)
    if expired:
        logger.info("expired %d listings (agreement ended before %s)", expired, today)
    return expired


def syndicated_listings(statuses=SYNDICATED_STATUSES):
    """Listings a portal may show: right status, opted in, listed by an active agent."""
    return (
        Listing.objects.filter(status__in=statuses, syndicate=True, agent__active=True)
        .select_related("agent__office")
        .prefetch_related("photos")
        .order_by("mls_number")
    )
