import logging

from celery import shared_task
from django.core.mail import send_mail

from .models import Participant, Visit, sponsor_address

logger = logging.getLogger(__name__)


@shared_task
def notify_screen_failure(participant_id):
    participant = Participant.objects.select_related("site__study").get(pk=participant_id)
    send_mail(
        subject=f"[{participant.site.study.code}] screen failure {participant.screening_number}",
        message=(
            f"Participant {participant.screening_number} at site {participant.site.number} "
            f"was screen-failed: {participant.screen_fail_reason}"
        ),
        from_email=None,
        recipient_list=[sponsor_address()],
    )
    return participant.pk


@shared_task
def notify_withdrawal(participant_id):
    participant = Participant.objects.select_related("site__study").get(pk=participant_id)
    send_mail(
        subject=f"[{participant.site.study.code}] withdrawal {participant.screening_number}",
        message=f"Participant {participant.screening_number} withdrew on {participant.withdrawn_at:%Y-%m-%d}.",
        from_email=None,
        recipient_list=[sponsor_address(), participant.site.pharmacist_email],
    )
    return participant.pk


@shared_task
def flag_missed_visits():
    """Nightly: planned visits whose window has closed become missed."""
    missed = 0
    for visit in Visit.objects.filter(status=Visit.Status.PLANNED).select_related("participant"):
        if visit.is_overdue():
            visit.status = Visit.Status.MISSED
            visit.save(update_fields=["status"])
            missed += 1
    logger.info("flagged %d missed visits", missed)
    return missed
