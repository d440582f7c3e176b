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


def get_text_channel(reminder):
    """How a reminder will be texted: a pure lookup, nothing is sent."""
    return "international" if reminder.phone.startswith("+") else "local"


@register_job("hourly")
def count_pending_by_channel():
    """Count the reminders not texted yet, per channel (a report: sends nothing)."""
    counts = {}
    for reminder in Reminder.objects.filter(sent_at__isnull=True):
        channel = get_text_channel(reminder)
        counts[channel] = counts.get(channel, 0) + 1
    return counts
