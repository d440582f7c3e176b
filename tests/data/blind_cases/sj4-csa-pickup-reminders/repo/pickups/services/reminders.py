"""Member reminders queued by the periodic tasks in ``pickups.tasks``.

Nothing is sent here: rows go to the outbox and ``outbox.tasks.flush_outbox`` delivers them.
"""
import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from outbox.models import OutboxMessage

from .. import messages
from ..models import BoxAllocation, PickupDay
from .outbox_rows import message_for, reachable

logger = logging.getLogger(__name__)

# Pickup reminders go out on pickup day, in the hours before the site opens.
REMINDER_HORIZON = timedelta(hours=6)
# Skip-deadline notices go out the day before the deadline.
SKIP_NOTICE_HORIZON = timedelta(hours=36)


def queue_pickup_reminders(now=None):
    """Queue a "your box is ready" reminder for every box whose pickup opens within REMINDER_HORIZON.

    Runs hourly; returns the number of messages queued.
    """
    now = now or timezone.now()
    due = (
        BoxAllocation.objects.filter(
            status=BoxAllocation.Status.ALLOCATED,
            pickup_day__opens_at__gt=now,
            pickup_day__opens_at__lte=now + REMINDER_HORIZON,
        )
        .select_related("share__member", "pickup_day__site")
        .order_by("pickup_day__opens_at", "pk")
    )
    rows = [
        message_for(allocation.share.member, "pickup_reminder", messages.pickup_reminder(allocation),
                    subject="Your CSA box is ready")
        for allocation in due
        if reachable(allocation.share.member)
    ]
    OutboxMessage.objects.bulk_create(rows)
    logger.info("pickup reminders: %d queued", len(rows))
    return len(rows)


def queue_skip_deadline_notices(now=None):
    """Tell members with a box next week how long they can still skip it. Once per pickup day."""
    now = now or timezone.now()
    queued = 0
    days = PickupDay.objects.filter(
        skip_deadline__gt=now,
        skip_deadline__lte=now + SKIP_NOTICE_HORIZON,
        skip_notices_queued_at__isnull=True,
    )
    for day in days:
        with transaction.atomic():
            # Re-read under the lock so two overlapping runs can't both queue the notices.
            day = PickupDay.objects.select_for_update().get(pk=day.pk)
            if day.skip_notices_queued_at is not None:
                continue
            allocations = (
                day.allocations.filter(status=BoxAllocation.Status.ALLOCATED)
                .select_related("share__member", "pickup_day__site")
            )
            rows = [
                message_for(a.share.member, "skip_deadline", messages.skip_deadline_notice(a),
                            subject="Skip next week's box?")
                for a in allocations if reachable(a.share.member)
            ]
            OutboxMessage.objects.bulk_create(rows)
            day.skip_notices_queued_at = now
            day.save(update_fields=["skip_notices_queued_at"])
        queued += len(rows)
    logger.info("skip deadline notices: %d queued", queued)
    return queued
