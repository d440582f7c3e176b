import pytest
from django.core.management import call_command

from podcasts.models import Show
from stats.models import DailyPlays, ListenerSession
from stats.tasks import record_play, reset_episode_counter, roll_up_show_totals


@pytest.mark.django_db
def test_play_is_counted(episode):
    assert record_play(episode.pk, "2024-06-01T20:15:00+00:00", "abc", 300) is True
    episode.refresh_from_db()
    assert episode.play_count == 1
    assert episode.last_played_at.isoformat() == "2024-06-01T20:15:00+00:00"
    assert DailyPlays.objects.get(episode=episode).plays == 1
    assert ListenerSession.objects.count() == 1


@pytest.mark.django_db
def test_short_listen_is_not_a_play(episode):
    assert record_play(episode.pk, "2024-06-01T20:15:00", "abc", 12) is False
    episode.refresh_from_db()
    assert episode.play_count == 0


@pytest.mark.django_db
def test_plays_roll_up_to_the_show(episode):
    for i in range(3):
        record_play(episode.pk, f"2024-06-0{i + 1}T10:00:00+00:00", f"l{i}", 90)
    assert roll_up_show_totals() == 1
    assert Show.objects.get().total_plays == 3
    assert reset_episode_counter(episode.pk) == 3


@pytest.mark.django_db
def test_ingest_command_queues_known_urls(episode, tmp_path):
    log = tmp_path / "cdn.csv"
    log.write_text("url,time,client,seconds\n"
                   "https://cdn.example/ns/1.mp3,2024-06-01T10:00:00+00:00,c1,400\n"
                   "https://cdn.example/other.mp3,2024-06-01T10:00:00+00:00,c2,400\n", encoding="utf-8")
    call_command("ingest_cdn_log", str(log))
    episode.refresh_from_db()
    assert episode.play_count == 1
