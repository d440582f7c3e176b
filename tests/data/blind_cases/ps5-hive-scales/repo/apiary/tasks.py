import logging
from datetime import timedelta

from celery import shared_task
from django.core.mail import send_mail
from django.db.models import Max
from django.utils import timezone

from .models import Hive, SwarmAlert

logger = logging.getLogger(__name__)

INSPECTION_INTERVAL_DAYS = 9


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def notify_swarm(alert_id):
    """Mail the beekeeper that one of their hives suddenly lost weight (probably a swarm)."""
    alert = SwarmAlert.objects.select_related("hive__apiary__beekeeper").get(pk=alert_id)
    if alert.notified_at:
        return False
    hive = alert.hive
    local = timezone.localtime(alert.detected_at)
    send_mail(
        f"Possible swarm: hive {hive.tag} ({hive.apiary.name})",
        f"Hive {hive.tag} lost {alert.drop_kg} kg around {local:%H:%M} on {local:%d.%m.%Y}.",
        None,
        [hive.apiary.beekeeper.email],
    )
    SwarmAlert.objects.filter(pk=alert.pk).update(notified_at=timezone.now())
    return True


@shared_task
def send_inspection_reminders():
    """Daily: remind beekeepers of active hives not inspected for INSPECTION_INTERVAL_DAYS days."""
    cutoff = timezone.localdate() - timedelta(days=INSPECTION_INTERVAL_DAYS)
    overdue = (Hive.objects.filter(status=Hive.Status.ACTIVE)
               .annotate(last=Max("inspections__inspected_on"))
               .select_related("apiary__beekeeper"))
    by_beekeeper = {}
    for hive in overdue:
        if hive.last is None or hive.last < cutoff:
            by_beekeeper.setdefault(hive.apiary.beekeeper, []).append(hive.tag)
    for beekeeper, tags in by_beekeeper.items():
        send_mail("Hives due for inspection", "Due: " + ", ".join(sorted(tags)), None, [beekeeper.email])
    logger.info("inspection reminders sent to %d beekeepers", len(by_beekeeper))
    return len(by_beekeeper)
