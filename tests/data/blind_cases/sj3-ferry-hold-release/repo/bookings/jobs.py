"""Booking jobs run by the scheduler (see tidewater/schedule.py)."""
from django.utils import timezone

from tidewater.scheduling import LockHeld, cache_lock, logger, single_instance

from .holds import release_expired_holds
from .manifests import send_due_manifests


@single_instance("release-holds")
def release_holds_job(now=None):
    return release_expired_holds(now=now or timezone.now())


def send_manifests_job(now=None):
    # The harbour master must not get two copies, and a manifest send can take a
    # while (attachments), so guard the whole batch; per-sailing rows are also
    # locked inside send_due_manifests.
    try:
        with cache_lock("send-manifests", ttl=15 * 60):
            return send_due_manifests(now=now or timezone.now())
    except LockHeld as exc:
        logger.warning("job send-manifests skipped: %s", exc)
        return None
