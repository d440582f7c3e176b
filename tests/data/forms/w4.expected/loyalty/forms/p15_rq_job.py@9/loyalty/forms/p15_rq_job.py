from django.db.models import F
from django_rq import job

from loyalty.models import Member


@job("default")
def grant_points(member_id):
    member = Member.objects.get(pk=member_id)
    Member.objects.filter(pk=member.pk).update(points=F("points") + 1)
