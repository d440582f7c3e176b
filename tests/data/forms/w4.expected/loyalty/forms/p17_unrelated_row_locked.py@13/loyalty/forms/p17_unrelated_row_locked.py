from celery import shared_task
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from loyalty.models import DailyStats, Member


def members_for_update():
    return Member.objects.order_by("pk").select_for_update()


def count_scan(stats):
    DailyStats.objects.filter(pk=stats.pk).update(scans=F("scans") + 1)


@shared_task
def scan_and_count(member_id):
    with transaction.atomic():
        # the member's lock does not cover the day's counter, which every member's scan updates
        members_for_update().filter(pk=member_id).first()
        stats = DailyStats.objects.get(day=timezone.localdate())
        count_scan(stats)
