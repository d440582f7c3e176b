from datetime import timedelta

from django.utils import timezone
CUTOFF = timezone.now() - timedelta(days=30)

from depot.models import Parcel


def purge_old():
    Parcel.objects.filter(delivered_at__lt=CUTOFF).delete()
