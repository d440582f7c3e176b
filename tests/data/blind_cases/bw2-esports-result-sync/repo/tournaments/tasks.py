import logging
from datetime import timedelta
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from core.jobs import tracked

from .gameapi import ApiUnavailable, RateLimited, get_game_api
from .models import Match, StandingsSnapshot, Tournament
from .results import record_result, scores_from_payload, standings

logger = logging.getLogger(__name__)

# seconds before retry 1, 2, 3, ... when the match API answers 5xx
UNAVAILABLE_BACKOFF = [20, 40, 80, 160, 300]


@shared_task(bind=True, max_retries=8, default_retry_delay=60)
@tracked("sync-match-result")
def sync_match_result(self, match_id):
    """Fetch the final score of a live match from the publisher API and advance the bracket."""
    match = Match.objects.select_related("team_a", "team_b", "tournament").get(pk=match_id)
    if match.status == Match.Status.COMPLETED:
        return "already-completed"
    if match.status != Match.Status.LIVE or not match.external_id:
        logger.info("%s is %s, nothing to sync", match, match.status)
        return "not-live"

    try:
        payload = get_game_api().fetch_match(match.external_id)
    except RateLimited as exc:
        raise self.retry(exc=exc, countdown=exc.retry_after)
    except ApiUnavailable as exc:
        countdown = UNAVAILABLE_BACKOFF[min(self.request.retries, len(UNAVAILABLE_BACKOFF) - 1)]
        raise self.retry(exc=exc, countdown=countdown)

    if payload.get("state") != "finished":
        # the referee reported the end before the game server closed the series
        raise self.retry(countdown=60)

    score_a, score_b = scores_from_payload(match, payload)
    match = record_result(match, score_a, score_b)
    logger.info("%s finished %s-%s, winner %s", match, score_a, score_b, match.winner)
    if match.next_match_id:
        notify_captains.delay(match.next_match_id)
    publish_standings.delay(match.tournament_id)
    return f"{score_a}-{score_b}"


@shared_task
@tracked("poll-live-matches")
def poll_live_matches():
    """Safety net for matches whose end the referee did not report."""
    now = timezone.now()
    queued = 0
    for match in Match.objects.filter(status=Match.Status.LIVE).exclude(external_id=""):
        expected = settings.MATCH_EXPECTED_MINUTES.get(match.best_of, 120)
        if match.started_at and match.started_at + timedelta(minutes=expected) <= now:
            sync_match_result.delay(match.pk)
            queued += 1
    return queued


@shared_task
@tracked("publish-standings")
def publish_standings(tournament_id):
    tournament = Tournament.objects.get(pk=tournament_id)
    snapshot = StandingsSnapshot.objects.create(tournament=tournament, body={"standings": standings(tournament)})
    return snapshot.pk


@shared_task(bind=True, autoretry_for=(SMTPException, ConnectionError), retry_backoff=30, max_retries=5)
def notify_captains(self, match_id):
    """Tell both captains about their next match once both teams are known."""
    match = Match.objects.select_related("team_a", "team_b", "tournament").get(pk=match_id)
    if not (match.team_a_id and match.team_b_id):
        return 0
    send_mail(
        subject=f"[{match.tournament.name}] next up: {match.team_a.tag} vs {match.team_b.tag}",
        message=(
            f"Round {match.round}, best of {match.best_of}: {match.team_a.name} vs {match.team_b.name}. "
            f"Please check in with the referee desk 20 minutes before the match."
        ),
        from_email=None,
        recipient_list=[match.team_a.captain_email, match.team_b.captain_email],
    )
    return 2
