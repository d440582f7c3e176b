from celery import shared_task

from loyalty.models import Member


def bump_visits(member):
    member.visits += 1
    member.save(update_fields=["visits"])


@shared_task
def check_in(member_id):
    bump_visits(Member.objects.get(pk=member_id))
