from datetime import timedelta

from django.utils import timezone

from depot.models import Parcel

CUTOFF = timezone.now() - timedelta(days=30)


def purge_old():
    cutoff = timezone.now() - timedelta(days=30)
    Parcel.objects.filter(delivered_at__lt=cutoff).delete()
