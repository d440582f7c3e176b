import pytest
from celery import states
from django.core import mail

from core.models import JobRun
from tournaments.models import Match, StandingsSnapshot, Team
from tournaments.tasks import poll_live_matches, sync_match_result


def finished(a, sa, b, sb):
    return {"state": "finished", "teams": [{"tag": a, "score": sa}, {"tag": b, "score": sb}]}


def test_finished_match_advances_the_winner(cup, game_api):
    semi = cup.matches.get(round=1, position=1)
    semi.go_live("val-8812")
    game_api.matches["val-8812"] = finished("NRG", 1, "EG", 2)

    assert sync_match_result.delay(semi.pk).get() == "1-2"

    semi.refresh_from_db()
    assert semi.status == Match.Status.COMPLETED
    assert semi.winner.tag == "EG"
    final = cup.matches.get(round=2)
    assert final.team_a.tag == "EG" and final.team_b is None
    assert Team.objects.get(tag="EG").rating == 1524
    assert StandingsSnapshot.objects.filter(tournament=cup).exists()
    run = JobRun.objects.get(name="sync-match-result")
    assert run.status == states.SUCCESS


def test_captains_are_told_when_the_final_is_set(cup, game_api):
    for position, ext, payload in [(1, "v1", finished("NRG", 2, "EG", 0)), (2, "v2", finished("TSM", 2, "C9", 1))]:
        match = cup.matches.get(round=1, position=position)
        match.go_live(ext)
        game_api.matches[ext] = payload
        sync_match_result.delay(match.pk)
    final = cup.matches.get(round=2)
    assert final.status == Match.Status.SCHEDULED
    assert len(mail.outbox) == 1
    assert "NRG vs TSM" in mail.outbox[0].subject


def test_final_finishes_the_tournament(cup, game_api):
    final = cup.matches.get(round=2)
    final.team_a, final.team_b = Team.objects.get(tag="NRG"), Team.objects.get(tag="TSM")
    final.save()
    final.go_live("v-final")
    game_api.matches["v-final"] = finished("TSM", 2, "NRG", 1)
    sync_match_result.delay(final.pk)
    cup.refresh_from_db()
    assert cup.status == "finished"


def test_inconsistent_payload_is_recorded_as_failed_job(cup, game_api):
    semi = cup.matches.get(round=1, position=2)
    semi.go_live("v-bad")
    game_api.matches["v-bad"] = finished("TSM", 1, "C9", 1)

    sync_match_result.delay(semi.pk)

    semi.refresh_from_db()
    assert semi.status == Match.Status.LIVE
    run = JobRun.objects.get(name="sync-match-result")
    assert run.status == states.FAILURE
    assert "draw" in run.error


def test_scheduled_match_is_not_synced(cup):
    semi = cup.matches.get(round=1, position=1)
    assert sync_match_result.delay(semi.pk).get() == "not-live"


def test_poll_picks_up_overdue_live_matches(cup, game_api):
    from datetime import timedelta
    from django.utils import timezone

    semi = cup.matches.get(round=1, position=1)
    semi.go_live("v-old")
    Match.objects.filter(pk=semi.pk).update(started_at=timezone.now() - timedelta(hours=3))
    game_api.matches["v-old"] = finished("NRG", 2, "EG", 1)
    fresh = cup.matches.get(round=1, position=2)
    fresh.go_live("v-new")

    assert poll_live_matches.delay().get() == 1
    assert Match.objects.get(pk=semi.pk).status == Match.Status.COMPLETED
    assert Match.objects.get(pk=fresh.pk).status == Match.Status.LIVE
