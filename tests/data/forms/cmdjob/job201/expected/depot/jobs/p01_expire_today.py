from datetime import date

from celery import shared_task

from depot.models import DailyStat

TODAY = date.today()


@shared_task
def expire_today():
    today = date.today()
    DailyStat.objects.get_or_create(day=today)
