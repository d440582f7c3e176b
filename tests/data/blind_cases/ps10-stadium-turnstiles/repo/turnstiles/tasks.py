import logging
from datetime import timedelta

from celery import shared_task
from django.core.management import CommandError, call_command
from django.utils import timezone

from .models import Match

log = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=3, default_retry_delay=15 * 60)
def rollup_matchday(self, day=None):
    """Build yesterday's (or ``day``'s) flow and attendance if a match was played."""
    day = day or (timezone.localdate() - timedelta(days=1)).isoformat()
    if not Match.objects.filter(kickoff__date=day).exists():
        log.info("rollup %s: no match, nothing to do", day)
        return "no-match"
    try:
        call_command("build_gate_flow", date=day)
        call_command("build_match_attendance", date=day)
        call_command("build_turnstile_faults", date=day)
    except CommandError as exc:
        # Usually the controllers' upload has not landed yet.
        raise self.retry(exc=exc)
    return "done"


@shared_task
def prune_gate_flow():
    call_command("prune_gate_flow")
