from celery import shared_task

from loyalty import models as loyalty_models
from django.db.models import F


@shared_task
def refund(member_id, amount):
    member, _created = loyalty_models.Member.objects.get_or_create(pk=member_id)
    loyalty_models.Member.objects.filter(pk=member.pk).update(balance=F("balance") + amount)
