from celery import shared_task
from django.db.models import F

from loyalty.models import Member


@shared_task
def award_points_f(member_id, points):
    Member.objects.filter(pk=member_id).update(points=F("points") + points)
