import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .availability import available_licence
from .models import Hold, Loan

logger = logging.getLogger(__name__)


@shared_task
def promote_holds(title_id):
    """Offer freed copies of a title to the patrons waiting longest."""
    promoted = 0
    with transaction.atomic():
        waiting = Hold.objects.select_for_update().filter(title_id=title_id, status=Hold.Status.WAITING)
        for hold in waiting:
            if available_licence(hold.title) is None:
                break
            hold.status = Hold.Status.READY
            hold.ready_at = timezone.now()
            hold.save(update_fields=["status", "ready_at"])
            promoted += 1
    return promoted


@shared_task
def expire_loans():
    """E-book loans end by themselves at due_at: close them and pass the copies on."""
    now = timezone.now()
    due = list(Loan.objects.filter(returned_at__isnull=True, due_at__lte=now).select_related("licence"))
    Loan.objects.filter(pk__in=[loan.pk for loan in due]).update(returned_at=now)
    for title_id in {loan.licence.title_id for loan in due}:
        transaction.on_commit(lambda t=title_id: promote_holds.delay(t))
    lapse_before = now - timedelta(hours=settings.LENDING["HOLD_PICKUP_HOURS"])
    Hold.objects.filter(status=Hold.Status.READY, ready_at__lt=lapse_before).update(status=Hold.Status.LAPSED)
    logger.info("expired %d loans", len(due))
    return len(due)
