from loyalty.models import Member


class PointsService:
    def _load(self, code):
        return Member.objects.get(code=code)

    def redeem(self, code, points):
        member = self._load(code)
        member.points -= points
        member.save(update_fields=["points"])
        return member.points
