from celery import shared_task
from django.db.models import F

from loyalty.models import Member


@shared_task
def award_points(member_id, points):
    member = Member.objects.get(pk=member_id)
    Member.objects.filter(pk=member.pk).update(points=F("points") + points)
