from datetime import datetime, timedelta

from depot.models import Parcel

WEEK_AGO = datetime.now() - timedelta(days=7)


def recent_parcels():
    return Parcel.objects.filter(created__gte=WEEK_AGO)
