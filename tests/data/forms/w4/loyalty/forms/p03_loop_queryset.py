from celery import shared_task

from loyalty.models import Member


@shared_task
def monthly_bonus():
    for member in Member.objects.filter(tier="vip"):
        member.points = member.points + 100
        member.save(update_fields=["points"])
