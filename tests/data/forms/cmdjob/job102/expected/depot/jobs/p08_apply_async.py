from celery import shared_task
from django.utils import timezone

from depot.models import Reminder
from depot.tasks import deliver_reminder
from depot_site.celery import app


@shared_task
def apply_async():
    for reminder in Reminder.objects.filter(due_at__lte=timezone.now(), sent_at__isnull=True):
        deliver_reminder.apply_async(args=[reminder.pk], countdown=60)
        reminder.sent_at = timezone.now()
        reminder.save(update_fields=["sent_at"])


@app.on_after_configure.connect
def setup_periodic_tasks(sender, **kwargs):
    sender.add_periodic_task(3600.0, apply_async.s(), name="apply_async hourly")
