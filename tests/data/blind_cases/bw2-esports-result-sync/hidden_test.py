"""Acceptance tests: a temporary problem with the publisher's match API
(rate limit, 5xx, series not closed yet) is retried by Celery (inline here,
via Task.apply) and the match is completed once the API answers; only when
the retries are used up does the sync end as a failed job.
"""
import pytest
from celery import states
from django.utils import timezone

from core.models import JobRun
from tournaments.gameapi import ApiUnavailable, RateLimited
from tournaments.models import Entry, Match, Team, Tournament
from tournaments.bracket import build_bracket
from tournaments.tasks import sync_match_result

FINAL_SCORE = {"state": "finished", "teams": [{"tag": "FNC", "score": 2}, {"tag": "G2", "score": 1}]}


class FlakyMatchApi:
    """Answers with ``failures`` (exceptions or in-progress payloads) first, then the final score."""

    failures = []
    calls = 0

    def fetch_match(self, external_id):
        FlakyMatchApi.calls += 1
        if FlakyMatchApi.calls <= len(FlakyMatchApi.failures):
            outcome = FlakyMatchApi.failures[FlakyMatchApi.calls - 1]
            if isinstance(outcome, Exception):
                raise outcome
            return outcome
        return FINAL_SCORE


@pytest.fixture
def api(settings):
    FlakyMatchApi.failures = []
    FlakyMatchApi.calls = 0
    settings.GAME_API_CLIENT = f"{__name__}.FlakyMatchApi"
    return FlakyMatchApi


@pytest.fixture
def semi(db):
    cup = Tournament.objects.create(slug="spring-major", name="Spring Major", game="lol", best_of=3,
                                    starts_at=timezone.now(), status=Tournament.Status.RUNNING)
    for seed, tag in enumerate(["FNC", "T1", "GEN", "G2"], start=1):
        team = Team.objects.create(tag=tag, name=tag, captain_email=f"c@{tag.lower()}.example")
        Entry.objects.create(tournament=cup, team=team, seed=seed)
    build_bracket(cup)
    match = cup.matches.get(round=1, position=1)   # FNC vs G2
    match.go_live("lol-77120")
    return match


def sync(match):
    sync_match_result.apply(args=[match.pk], throw=False)
    match.refresh_from_db()
    return match


def test_rate_limited_sync_is_retried_until_the_result_is_in(api, semi):
    api.failures = [RateLimited("429 rate limited", retry_after=5), RateLimited("429 rate limited", retry_after=5)]

    match = sync(semi)

    assert api.calls == 3, f"expected two retries after two 429 answers, API was called {api.calls}x"
    assert match.status == Match.Status.COMPLETED
    assert match.winner.tag == "FNC"
    assert Match.objects.get(pk=match.next_match_id).team_a.tag == "FNC"


def test_unavailable_api_and_unfinished_series_are_retried(api, semi):
    api.failures = [ApiUnavailable("503 from match API"), {"state": "in_progress", "teams": []}]

    match = sync(semi)

    assert api.calls == 3
    assert match.status == Match.Status.COMPLETED
    assert (match.score_a, match.score_b) == (2, 1)


def test_retried_sync_that_succeeds_is_not_shown_as_failed(api, semi):
    api.failures = [RateLimited("429 rate limited", retry_after=5)]

    sync(semi)

    runs = JobRun.objects.filter(name="sync-match-result")
    assert runs.filter(status=states.SUCCESS).exists()
    assert not runs.filter(status=states.FAILURE).exists(), [r.error for r in runs]


def test_sync_gives_up_only_after_the_retries_are_used_up(api, semi):
    api.failures = [RateLimited("429 rate limited", retry_after=5)] * 1000

    match = sync(semi)

    assert 1 < api.calls <= 20, f"API was called {api.calls}x"
    assert match.status == Match.Status.LIVE
    failed = JobRun.objects.filter(name="sync-match-result", status=states.FAILURE)
    assert failed.exists()
    assert all("429" in run.error and "Retry in" not in run.error for run in failed)
