from celery import shared_task
from django.db.models import F

from loyalty.models import Member


@shared_task
def monthly_bonus():
    for member in Member.objects.filter(tier="vip"):
        Member.objects.filter(pk=member.pk).update(points=F("points") + 100)
