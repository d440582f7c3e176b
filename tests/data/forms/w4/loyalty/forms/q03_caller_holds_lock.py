from celery import shared_task
from django.db import transaction

from loyalty.models import Member


def add_points(member, points):
    member.points += points
    member.save(update_fields=["points"])


@shared_task
def award_points_via_helper(member_id, points):
    with transaction.atomic():
        member = Member.objects.select_for_update().get(pk=member_id)
        add_points(member, points)
