from celery import shared_task
from django.db.models import F

from loyalty.lookups import find_member
from loyalty.models import Member


@shared_task
def charge(code, amount):
    member = find_member(code)
    Member.objects.filter(pk=member.pk).update(balance=F("balance") - amount)
