from celery import shared_task
from django.db.models import F

from loyalty.models import Member


@shared_task
def vip_welcome(code):
    member = Member.objects.vip().filter(code=code).first()
    member.points += 50
    member.save(update_fields=["points"])


@shared_task
def active_bonus(member_id):
    member = Member.active_members.get(pk=member_id)
    Member.objects.filter(pk=member.pk).update(points=F("points") + 10)
