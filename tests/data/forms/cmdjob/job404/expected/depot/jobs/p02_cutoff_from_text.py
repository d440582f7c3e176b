from datetime import datetime

from django.conf import settings
from django.utils import timezone

from depot.models import Reminder


def cutoff_from_text():
    cutoff = timezone.make_aware(datetime.strptime(getattr(settings, "REMINDER_CUTOFF", "2026-01-01 00:00"), "%Y-%m-%d %H:%M"))
    if timezone.now() > cutoff:
        Reminder.objects.filter(sent_at__isnull=True).delete()
