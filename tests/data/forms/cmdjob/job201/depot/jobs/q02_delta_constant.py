from datetime import timedelta

from django.utils import timezone

from depot.models import Parcel

RETENTION = timedelta(days=30)


def delta_constant():
    Parcel.objects.filter(delivered_at__lt=timezone.now() - RETENTION).delete()
