"""Appointment reminders, texted by the shop's scheduler."""
from datetime import timedelta

from django.utils import timezone

from ops import sms
from ops.models import Reminder
from ops.scheduler import register_job


@register_job("every 10 minutes")
def send_due_reminders():
    """Text every reminder that falls due within the next 24 hours."""
    horizon = timezone.now() + timedelta(hours=24)
    for reminder in Reminder.objects.filter(due_at__lte=horizon).order_by("due_at"):
        sms.send(reminder.phone, "Your appointment is in less than 24 hours")
