from django.db import models


class PingQuerySet(models.QuerySet):
    def stale(self, cutoff):
        return self.filter(created__lt=cutoff)

    def for_check(self, check):
        return self.filter(check=check)


class Check(models.Model):
    name = models.CharField(max_length=50)
    status = models.CharField(max_length=10, default="up")


class Ping(models.Model):
    check = models.ForeignKey(Check, on_delete=models.CASCADE, related_name="pings")
    created = models.DateTimeField(auto_now_add=True)
    body = models.TextField(blank=True)

    objects = PingQuerySet.as_manager()
