from django.db import models


class MemberQuerySet(models.QuerySet):
    def vip(self):
        return self.filter(tier="vip")


class ActiveManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(active=True)


class Member(models.Model):
    code = models.CharField(max_length=20, unique=True)
    tier = models.CharField(max_length=10, default="basic")
    active = models.BooleanField(default=True)
    points = models.IntegerField(default=0)
    visits = models.PositiveIntegerField(default=0)
    balance = models.DecimalField(max_digits=10, decimal_places=2, default=0)

    objects = MemberQuerySet.as_manager()
    active_members = ActiveManager()

    def register_visit(self):
        Member.objects.filter(pk=self.pk).update(visits=models.F("visits") + 1)


class Card(models.Model):
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="cards")
    uses = models.PositiveIntegerField(default=0)


class DailyStats(models.Model):
    day = models.DateField(unique=True)
    scans = models.PositiveIntegerField(default=0)


class Tally:
    """Not a model: an in-memory counter with its own save()."""

    def __init__(self):
        self.count = 0

    def save(self):
        return self.count
