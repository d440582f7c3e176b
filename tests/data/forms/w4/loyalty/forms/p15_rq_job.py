from django_rq import job

from loyalty.models import Member


@job("default")
def grant_points(member_id):
    member = Member.objects.get(pk=member_id)
    member.points += 1
    member.save(update_fields=["points"])
