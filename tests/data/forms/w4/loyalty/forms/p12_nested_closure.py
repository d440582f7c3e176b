from celery import shared_task

from loyalty.models import Member


@shared_task
def double_visit(member_id):
    member = Member.objects.get(pk=member_id)

    def bump():
        member.visits += 2
        member.save(update_fields=["visits"])

    bump()
