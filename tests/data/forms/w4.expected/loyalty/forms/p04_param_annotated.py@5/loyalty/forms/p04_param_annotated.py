from django.db.models import F

from loyalty.models import Member


def credit(member: Member, amount):
    Member.objects.filter(pk=member.pk).update(balance=F("balance") + amount)
