from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from pings.models import Ping


@shared_task
def weekly_digest():
    since = timezone.now() - timedelta(days=7)
    recent = Ping.objects.filter(created__gte=since).order_by("created")
    lines = []
    for ping in recent:
        lines.append(ping.body[:40])
    return "\n".join(lines)
