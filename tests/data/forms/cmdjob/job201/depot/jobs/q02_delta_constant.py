from datetime import timedelta

from django.utils import timezone
RETENTION = timedelta(days=30)

from depot.models import Parcel


def delta_constant():
    Parcel.objects.filter(delivered_at__lt=timezone.now() - RETENTION).delete()
