from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from depot.models import Parcel


@shared_task
def computed_per_run():
    cutoff = timezone.now() - timedelta(days=30)
    Parcel.objects.filter(delivered_at__lt=cutoff).delete()
