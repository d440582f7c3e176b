from collections import defaultdict

from apscheduler.schedulers.blocking import BlockingScheduler

from depot.models import Parcel

scheduler = BlockingScheduler(timezone="Europe/Berlin")


def group_parcels():
    _BY_CUSTOMER = defaultdict(list)
    for parcel in Parcel.objects.filter(processed=False):
        _BY_CUSTOMER[parcel.customer_id].append(parcel.code)
    return {k: len(v) for k, v in _BY_CUSTOMER.items()}


scheduler.add_job(group_parcels, "cron", hour=3, minute=30)
