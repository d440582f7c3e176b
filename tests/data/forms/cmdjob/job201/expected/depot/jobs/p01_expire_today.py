from datetime import date

from celery import shared_task
TODAY = date.today()

from depot.models import DailyStat


@shared_task
def expire_today():
    today = date.today()
    DailyStat.objects.get_or_create(day=today)
