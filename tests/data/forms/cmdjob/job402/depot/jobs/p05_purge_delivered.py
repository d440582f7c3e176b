from datetime import datetime, timedelta

from depot.models import Parcel
from depot.registry import register_job


@register_job("0 4 * * *")
def purge_delivered():
    Parcel.objects.filter(delivered_at__lt=datetime.now() - timedelta(days=90)).delete()
