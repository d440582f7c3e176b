import logging

from depot.models import DailyStat

log = logging.getLogger("depot.import")


def store_days(days):
    stats = [DailyStat(day=day, parcels=count) for day, count in days]
    DailyStat.objects.bulk_create(stats, ignore_conflicts=True)
    log.warning("stored %s days", len(stats))
