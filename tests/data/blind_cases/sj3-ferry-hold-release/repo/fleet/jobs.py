from django.utils import timezone

from tidewater.scheduling import log_result

from .departures import advance_statuses


@log_result("advance-sailings")
def advance_sailings_job(now=None):
    # Conditional UPDATEs only, safe to run concurrently: no lock.
    return advance_statuses(now=now or timezone.now())
