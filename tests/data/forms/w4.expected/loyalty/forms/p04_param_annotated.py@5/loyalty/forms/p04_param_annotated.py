from loyalty.models import Member
from django.db.models import F


def credit(member: Member, amount):
    Member.objects.filter(pk=member.pk).update(balance=F("balance") + amount)
