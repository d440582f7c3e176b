from datetime import date

from celery import shared_task

from carriers.models import Carrier

from .spark.session import get_spark
from .spark.usage import UsageReport


@shared_task(ignore_result=True)
def rebuild_locker_usage(carrier_code, day_iso):
    """Recompute one carrier's usage for one day (requested from the admin)."""
    carrier = Carrier.objects.get(code=carrier_code)
    rows = UsageReport(get_spark()).run(carrier, date.fromisoformat(day_iso))
    return len(rows)
