from django.utils import timezone

from depot.models import DailyStat
from depot.registry import register_job


def _totals(now=None):
    now = now or timezone.now()
    stat, _ = DailyStat.objects.get_or_create(day=now.date())
    return stat


@register_job("0 4 * * *")
def nightly_totals():
    return _totals()
