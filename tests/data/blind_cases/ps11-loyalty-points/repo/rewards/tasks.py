from celery import shared_task
from django.conf import settings

from rewards import services


@shared_task(ignore_result=True)
def expire_points_task():
    return services.expire_points(months=settings.POINTS_EXPIRY_MONTHS)


@shared_task(ignore_result=True)
def review_tiers_task():
    return services.review_tiers()
