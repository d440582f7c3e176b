from datetime import timedelta

from django.db import models
from django.db.models import Q


class SessionQuerySet(models.QuerySet):
    def completed(self):
        return self.filter(status=self.model.Status.COMPLETED, ended_at__isnull=False)

    def open(self):
        return self.filter(ended_at__isnull=True, status=self.model.Status.ACTIVE)

    def for_site(self, site):
        if isinstance(site, str):
            return self.filter(charger__site__code=site.upper())
        return self.filter(charger__site=site)

    def ended_between(self, start, end):
        """Sessions that ended from day ``start`` to day ``end``, both included (a session belongs to the day it
        ended, which is when it is billed)."""
        return self.filter(ended_at__gte=start, ended_at__lte=end)

    def started_on(self, day):
        """Sessions that started on the local calendar day ``day``."""
        return self.filter(started_at__date=day)

    def active_at(self, moment):
        return self.filter(started_at__lte=moment).filter(Q(ended_at__isnull=True) | Q(ended_at__gt=moment))

    def stale(self, now, hours):
        return self.open().filter(last_meter_at__lt=now - timedelta(hours=hours))


SessionManager = models.Manager.from_queryset(SessionQuerySet)
