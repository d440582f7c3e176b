from celery import shared_task
from django.db.models import F

from loyalty import models as loyalty_models


@shared_task
def refund(member_id, amount):
    member, _created = loyalty_models.Member.objects.get_or_create(pk=member_id)
    loyalty_models.Member.objects.filter(pk=member.pk).update(balance=F("balance") + amount)
