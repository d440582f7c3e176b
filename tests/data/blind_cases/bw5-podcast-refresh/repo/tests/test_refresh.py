import pytest

from catalog.models import Episode, Podcast
from feeds.http import FeedHTTPError
from feeds.jobs import refresh_due_feeds, refresh_feed
from feeds.models import FeedFetch
from feeds.refresh import refresh_podcast

from .conftest import rss, serve


@pytest.mark.django_db
def test_refresh_stores_new_episodes_and_metadata(make_podcast):
    podcast = make_podcast(1, episodes=3)
    outcome = refresh_podcast(podcast.pk)
    assert (outcome.outcome, outcome.new_episodes) == ("updated", 3)
    podcast.refresh_from_db()
    assert podcast.title == "Show 1"
    assert podcast.etag == '"v1"'
    assert podcast.next_fetch_at > podcast.last_fetched_at
    assert podcast.episodes.count() == 3


@pytest.mark.django_db
def test_second_refresh_is_conditional(make_podcast, feeds):
    podcast = make_podcast(1)
    refresh_podcast(podcast.pk)
    outcome = refresh_podcast(podcast.pk)
    assert outcome.outcome == "not_modified"
    assert Episode.objects.count() == 2
    assert list(FeedFetch.objects.values_list("outcome", flat=True)) == ["not_modified", "updated"]


@pytest.mark.django_db
def test_broken_feed_backs_off(make_podcast, feeds):
    podcast = make_podcast(1)
    feeds.responses[podcast.feed_url] = FeedHTTPError("HTTP 502 Bad Gateway", status=502)
    assert refresh_feed(podcast.pk)["outcome"] == "error"
    podcast.refresh_from_db()
    assert podcast.consecutive_failures == 1
    assert podcast.last_error == "HTTP 502 Bad Gateway"
    assert podcast.next_fetch_at - podcast.last_fetched_at == 2 * podcast.fetch_interval


@pytest.mark.django_db
def test_new_episode_appears(make_podcast):
    podcast = make_podcast(1)
    refresh_podcast(podcast.pk)
    serve(podcast.feed_url, rss("Show 1", [("s1-e3", "Three"), ("s1-e2", "Two"), ("s1-e1", "One")]), etag='"v2"')
    assert refresh_podcast(podcast.pk).new_episodes == 1
    assert podcast.episodes.first().title == "Three"


# refresh_due_feeds fans out to threads, which need committed data
@pytest.mark.django_db(transaction=True)
def test_refresh_due_feeds(make_podcast, feeds):
    podcasts = [make_podcast(n) for n in range(1, 6)]
    feeds.responses[podcasts[-1].feed_url] = FeedHTTPError("connection failed: timed out")
    summary = refresh_due_feeds()
    assert summary == {"updated": 4, "not_modified": 0, "error": 1, "missing": 0, "new_episodes": 8}
    assert Episode.objects.count() == 8
    # nothing is due any more
    assert refresh_due_feeds()["updated"] == 0
    assert not Podcast.objects.due().exists()
