from datetime import datetime, timedelta, timezone

import pytest

from catalog.models import Podcast
from feeds.http import FetchResult, StaticFeedClient


def rss(title, episodes, author="Someone"):
    """A small RSS feed; ``episodes`` is a list of (guid, title) pairs, newest first."""
    items = []
    base = datetime(2024, 5, 1, 6, 0, tzinfo=timezone.utc)
    for n, (guid, ep_title) in enumerate(episodes):
        published = (base - timedelta(days=7 * n)).strftime("%a, %d %b %Y %H:%M:%S +0000")
        items.append(
            f"<item><title>{ep_title}</title><guid>{guid}</guid><pubDate>{published}</pubDate>"
            f'<enclosure url="https://cdn.example/{guid}.mp3" length="1234" type="audio/mpeg"/>'
            f"<itunes:duration>42:10</itunes:duration></item>"
        )
    return (
        '<?xml version="1.0"?><rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">'
        f"<channel><title>{title}</title><itunes:author>{author}</itunes:author><language>en</language>"
        f'<itunes:image href="https://img.example/{title[:3]}.jpg"/>{"".join(items)}</channel></rss>'
    ).encode()


def serve(url, body, etag="", status=200):
    StaticFeedClient.responses[url] = FetchResult(status=status, body=body, etag=etag,
                                                  content_type="application/rss+xml")


@pytest.fixture(autouse=True)
def feeds():
    StaticFeedClient.responses = {}
    StaticFeedClient.requests = []
    yield StaticFeedClient
    StaticFeedClient.responses = {}
    StaticFeedClient.requests = []


@pytest.fixture
def make_podcast():
    def make(n, episodes=2, **fields):
        url = f"https://feeds.example/show-{n}.xml"
        serve(url, rss(f"Show {n}", [(f"s{n}-e{i}", f"Episode {i}") for i in range(episodes, 0, -1)]),
              etag=f'"v{n}"')
        return Podcast.objects.create(feed_url=url, **fields)

    return make
