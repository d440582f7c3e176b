from celery import shared_task
from django.db import transaction

from loyalty.models import Member


@shared_task
def monthly_bonus_locked():
    with transaction.atomic():
        for member in Member.objects.select_for_update().filter(tier="vip"):
            member.points += 100
            member.save(update_fields=["points"])
