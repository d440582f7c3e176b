from celery import shared_task

from loyalty.models import Member


@shared_task
def award_points(member_id, points):
    member = Member.objects.get(pk=member_id)
    member.points += points
    member.save(update_fields=["points"])
