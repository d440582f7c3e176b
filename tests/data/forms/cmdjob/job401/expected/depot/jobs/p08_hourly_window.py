from datetime import datetime, time, timezone as dt_timezone

from celery import shared_task
from django.utils import timezone

from depot.models import Reminder
from depot_site.celery import app


@shared_task
def hourly_window():
    midnight = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    return Reminder.objects.filter(due_at__gte=midnight, sent_at__isnull=True).count()


@app.on_after_configure.connect
def setup_periodic_tasks(sender, **kwargs):
    sender.add_periodic_task(3600.0, hourly_window.s(), name="hourly_window hourly")
