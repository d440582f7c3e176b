from django.utils import timezone

from depot.models import DailyStat


def localtime_date():
    DailyStat.objects.get_or_create(day=timezone.localtime().date())
