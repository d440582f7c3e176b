import pytest
from django.utils import timezone

from tournaments.bracket import build_bracket
from tournaments.gameapi import FixtureGameApi
from tournaments.models import Entry, Team, Tournament


@pytest.fixture(autouse=True)
def game_api():
    FixtureGameApi.matches = {}
    yield FixtureGameApi
    FixtureGameApi.matches = {}


@pytest.fixture
def cup(db):
    tournament = Tournament.objects.create(slug="winter-cup", name="Winter Cup", game="valorant", best_of=3,
                                           starts_at=timezone.now(), status=Tournament.Status.RUNNING)
    for seed, tag in enumerate(["NRG", "TSM", "C9", "EG"], start=1):
        team = Team.objects.create(tag=tag, name=f"Team {tag}", captain_email=f"captain@{tag.lower()}.example")
        Entry.objects.create(tournament=tournament, team=team, seed=seed)
    build_bracket(tournament)
    return tournament
