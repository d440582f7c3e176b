from depot.periods import cutoff
from depot.models import Parcel


def purge_unclaimed():
    Parcel.objects.filter(created__lt=cutoff(30), delivered_at__isnull=True).delete()
