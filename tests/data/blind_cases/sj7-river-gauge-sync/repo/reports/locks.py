"""Row-flag lock for the long report jobs (kept in the DB so it shows in the admin)."""
import logging
from contextlib import contextmanager
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from riverwatch.locks import lock_owner

from .models import JobFlag

log = logging.getLogger(__name__)

# a flag older than this belongs to a run that died without cleaning up (host reboot)
STALE_AFTER = timedelta(hours=3)


@contextmanager
def job_flag(name):
    """Yield True if this process may run job ``name``, False if another run is in progress."""
    now = timezone.now()
    with transaction.atomic():
        flag, _ = JobFlag.objects.select_for_update().get_or_create(name=name)
        if flag.running_since and flag.running_since > now - STALE_AFTER:
            log.info("job %s already running on %s since %s", name, flag.owner, flag.running_since)
            acquired = False
        else:
            flag.running_since = now
            flag.owner = lock_owner()
            flag.save(update_fields=["running_since", "owner"])
            acquired = True
    if not acquired:
        yield False
        return
    error = ""
    try:
        yield True
    except Exception as exc:
        error = repr(exc)
        raise
    finally:
        JobFlag.objects.filter(name=name).update(
            running_since=None, owner="", last_finished_at=timezone.now(), last_error=error,
        )
