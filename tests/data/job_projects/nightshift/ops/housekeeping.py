"""Housekeeping jobs (the shop's scheduler, nightly)."""
from datetime import timedelta

from django.utils import timezone

from ops.models import Reminder
from ops.scheduler import register_job

RETENTION = timedelta(days=90)
CUTOFF = timezone.now() - RETENTION


@register_job("nightly")
def purge_old_reminders():
    """Delete reminders that fell due more than 90 days ago."""
    deleted, _ = Reminder.objects.filter(due_at__lt=CUTOFF).delete()
    return deleted


@register_job("nightly")
def purge_sent_reminders():
    """Delete reminders sent more than 90 days ago."""
    cutoff = timezone.now() - RETENTION
    deleted, _ = Reminder.objects.filter(sent_at__lt=cutoff).delete()
    return deleted
