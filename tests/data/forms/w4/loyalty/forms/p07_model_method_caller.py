from celery import shared_task

from loyalty.models import Member


@shared_task
def visit(member_id):
    Member.objects.get(pk=member_id).register_visit()
