from celery import shared_task
from django.db.models import F

from loyalty.models import Member


@shared_task
def vip_welcome(code):
    member = Member.objects.vip().filter(code=code).first()
    Member.objects.filter(pk=member.pk).update(points=F("points") + 50)


@shared_task
def active_bonus(member_id):
    member = Member.active_members.get(pk=member_id)
    member.points += 10
    member.save(update_fields=["points"])
