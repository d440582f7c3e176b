"""Acceptance tests: two workers counting plays of the same episode at the same
time must both be counted.  A second worker's task is run right before the
first worker writes the episode row, i.e. after the first one has done
whatever reading it does -- the interleaving two real workers produce."""
import pytest
from django.db import connection

from podcasts.models import Episode, Show
from stats.models import DailyPlays
from stats.tasks import record_play

TABLE = Episode._meta.db_table


class SecondWorkerBeforeFirstWrite:
    def __init__(self, args):
        self.args = args
        self.fired = False

    def __call__(self, execute, sql, params, many, context):
        if not self.fired and sql.lstrip().upper().startswith("UPDATE") and TABLE in sql:
            self.fired = True
            record_play.apply(args=self.args, throw=True)
        return execute(sql, params, many, context)


@pytest.fixture
def episode(db):
    show = Show.objects.create(title="Night Shift Radio", slug="night-shift")
    return Episode.objects.create(show=show, title="Pilot", number=1, audio_url="https://cdn.example/1.mp3")


@pytest.mark.django_db
def test_concurrent_plays_are_all_counted(episode):
    second = SecondWorkerBeforeFirstWrite([episode.pk, "2024-06-01T20:15:05+00:00", "listener-b", 400])
    with connection.execute_wrapper(second):
        record_play.apply(args=[episode.pk, "2024-06-01T20:15:00+00:00", "listener-a", 300], throw=True)
    assert second.fired
    episode.refresh_from_db()
    assert episode.play_count == 2
    assert DailyPlays.objects.get(episode=episode).plays == 2
    assert episode.last_played_at is not None


@pytest.mark.django_db
def test_sequential_plays_still_counted(episode):
    for i in range(3):
        record_play.apply(args=[episode.pk, f"2024-06-01T20:1{i}:00+00:00", f"l{i}", 120], throw=True)
    episode.refresh_from_db()
    assert episode.play_count == 3
