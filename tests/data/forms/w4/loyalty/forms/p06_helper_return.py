from celery import shared_task

from loyalty.lookups import find_member


@shared_task
def charge(code, amount):
    member = find_member(code)
    member.balance -= amount
    member.save(update_fields=["balance"])
