from celery import shared_task

from loyalty.models import Member


@shared_task
def reset_points(member_id):
    member = Member.objects.get(pk=member_id)
    member.points = 0
    member.code = member.code + "-reset"
    member.save(update_fields=["points", "code"])
