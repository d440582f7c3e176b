from celery import shared_task

from loyalty.models import Member


class InsufficientBalance(Exception):
    pass


@shared_task
def spend(member_id, amount):
    member = Member.objects.get(pk=member_id)
    member.balance -= amount
    if member.balance < 0:
        raise InsufficientBalance(member.code)
    member.save(update_fields=["balance"])
