from celery import shared_task

from loyalty import models as loyalty_models


@shared_task
def refund(member_id, amount):
    member, _created = loyalty_models.Member.objects.get_or_create(pk=member_id)
    member.balance += amount
    member.save(update_fields=["balance"])
