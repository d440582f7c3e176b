from django.db.models import F

from loyalty.models import Member


class PointsService:
    def _load(self, code):
        return Member.objects.get(code=code)

    def redeem(self, code, points):
        member = self._load(code)
        Member.objects.filter(pk=member.pk).update(points=F("points") - points)
        member.refresh_from_db(fields=["points"])
        return member.points
