from celery import shared_task
from django.db.models import F

from loyalty.models import Member


def bump_visits(member):
    Member.objects.filter(pk=member.pk).update(visits=F("visits") + 1)


@shared_task
def check_in(member_id):
    bump_visits(Member.objects.get(pk=member_id))
