import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.utils import timezone

from .models import Boat

logger = logging.getLogger(__name__)

REMINDER_WINDOW_DAYS = 30


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_document_reminder(boat_id):
    boat = Boat.objects.select_related("owner").get(pk=boat_id)
    expires = boat.first_expiring_document()
    if expires is None:
        return "no-records"
    send_mail(
        subject=f"{boat.name}'s documents expire on {expires:%d %B %Y}",
        message=(
            f"Hello {boat.owner.name},\n\n"
            f"our records show that {boat.name}'s insurance or registration expires on {expires:%d %B %Y}. "
            "We can only give a berth to boats whose documents are valid for the whole stay, so please "
            "send us the renewed certificate."
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[boat.owner.email],
    )
    Boat.objects.filter(pk=boat.pk).update(document_reminder_sent_on=timezone.localdate())
    return "sent"


@shared_task
def document_expiry_sweep():
    """Remind owners whose boats' insurance or registration runs out within the next month."""
    today = timezone.localdate()
    horizon = today + timedelta(days=REMINDER_WINDOW_DAYS)
    due = Boat.objects.filter(
        Q(insurance_valid_until__range=(today, horizon)) | Q(registration_valid_until__range=(today, horizon))
    ).filter(
        Q(document_reminder_sent_on__isnull=True)
        | Q(document_reminder_sent_on__lt=today - timedelta(days=REMINDER_WINDOW_DAYS))
    )
    queued = 0
    for boat_id in due.values_list("pk", flat=True):
        send_document_reminder.delay(boat_id)
        queued += 1
    logger.info("queued %s document reminders", queued)
    return queued
