import logging
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from .models import Appointment
from .sms import SmsError, send_sms

logger = logging.getLogger(__name__)


@shared_task
def send_appointment_reminders():
    """Beat, 17:00: text tomorrow's patients' owners.

    Reminders are best effort: a failed SMS is logged and skipped (the front
    desk calls the no-shows), it is not worth holding the whole run for.
    """
    tomorrow = timezone.localdate() + timedelta(days=1)
    due = (
        Appointment.objects.filter(status=Appointment.Status.BOOKED, starts_at__date=tomorrow,
                                   reminder_sent_at__isnull=True, patient__owner__sms_opt_in=True)
        .exclude(patient__owner__phone="")
        .select_related("patient__owner")
    )
    sent = 0
    for appt in due:
        start = timezone.localtime(appt.starts_at)
        text = (f"Reminder: {appt.patient.name} has an appointment at Riverside Vet tomorrow at {start:%H:%M}. "
                f"Reply C to cancel.")
        try:
            send_sms(appt.patient.owner.phone, text)
        except SmsError as exc:
            logger.warning("reminder for appointment %s not sent: %s", appt.pk, exc)
            continue
        Appointment.objects.filter(pk=appt.pk).update(reminder_sent_at=timezone.now())
        sent += 1
    return sent
