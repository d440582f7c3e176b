from datetime import timedelta

from django.utils import timezone
CUTOFF = timezone.now() - timedelta(days=30)

from depot.models import Parcel


def purge_old():
    cutoff = timezone.now() - timedelta(days=30)
    Parcel.objects.filter(delivered_at__lt=cutoff).delete()
