import pytest
from django.contrib.auth.models import User

from feeds.jobs import check_enclosures, mirror_missing_artwork
from feeds.http import FetchResult
from feeds.refresh import refresh_podcast


@pytest.mark.django_db
def test_podcast_detail(client, make_podcast):
    podcast = make_podcast(3)
    refresh_podcast(podcast.pk)
    podcast.refresh_from_db()
    data = client.get(f"/api/podcasts/{podcast.slug}/").json()
    assert data["title"] == "Show 3"
    assert [e["title"] for e in data["episodes"]] == ["Episode 2", "Episode 1"]


@pytest.mark.django_db
def test_refresh_now_runs_the_job(client, make_podcast, feeds):
    podcast = make_podcast(4)
    staff = User.objects.create_user("ed", password="x", is_staff=True)
    client.force_login(staff)
    response = client.post(f"/api/podcasts/{podcast.slug}/refresh/")
    assert response.status_code == 202
    assert podcast.episodes.count() == 2  # RQ_EAGER
    assert feeds.requests == [podcast.feed_url]


@pytest.mark.django_db(transaction=True)
def test_artwork_and_enclosure_checks(make_podcast, feeds, settings, tmp_path):
    settings.ARTWORK_ROOT = tmp_path
    podcast = make_podcast(5)
    refresh_podcast(podcast.pk)
    feeds.responses["https://img.example/Sho.jpg"] = FetchResult(status=200, body=b"\xff\xd8jpeg",
                                                                 content_type="image/jpeg")
    feeds.responses["https://cdn.example/s5-e1.mp3"] = FetchResult(status=200)
    assert mirror_missing_artwork() == 1
    podcast.refresh_from_db()
    assert podcast.artwork_path.startswith("artwork/")
    assert check_enclosures() == {"ok": 1, "broken": 1}
