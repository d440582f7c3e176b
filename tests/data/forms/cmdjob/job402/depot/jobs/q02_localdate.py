from django.utils import timezone

from depot.models import DailyStat


def localdate():
    DailyStat.objects.get_or_create(day=timezone.localdate())
