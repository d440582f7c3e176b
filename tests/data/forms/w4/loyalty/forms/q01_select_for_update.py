from celery import shared_task
from django.db import transaction

from loyalty.models import Member


@shared_task
def award_points_locked(member_id, points):
    with transaction.atomic():
        member = Member.objects.select_for_update().get(pk=member_id)
        member.points += points
        member.save(update_fields=["points"])
