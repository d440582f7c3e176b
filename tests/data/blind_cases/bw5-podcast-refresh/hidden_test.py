"""Acceptance tests: a feed refresh run gives back every database connection it opened.

The refresh fans feeds out over worker threads. Each thread that touches the ORM gets its own database
connection; after the run, none of those may still be open (in production each one is a PostgreSQL backend,
and the refresh runs every 2 minutes in long-lived RQ workers). Refreshing must keep working as before.
"""
import threading

import pytest
from django.core.management import call_command
from django.db.backends.signals import connection_created

from catalog.models import Episode, Podcast
from feeds.http import FeedHTTPError
from feeds.jobs import refresh_due_feeds

from .conftest import serve


@pytest.fixture
def thread_connections():
    """Database connections opened outside the main thread during the test."""
    opened = []

    def record(sender, connection, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            opened.append((threading.current_thread().name, connection))

    connection_created.connect(record, weak=False, dispatch_uid="hidden-test-thread-connections")
    yield opened
    connection_created.disconnect(dispatch_uid="hidden-test-thread-connections")


def still_open(opened):
    return [(name, conn.alias) for name, conn in opened if conn.connection is not None]


@pytest.mark.django_db(transaction=True)
def test_refresh_run_closes_worker_thread_connections(make_podcast, thread_connections):
    for n in range(1, 9):
        make_podcast(n)

    summary = refresh_due_feeds()

    assert summary["updated"] == 8
    assert Episode.objects.count() == 16
    assert still_open(thread_connections) == [], "DB connections left open by the refresh threads"


@pytest.mark.django_db(transaction=True)
def test_connections_are_closed_for_failing_feeds_too(make_podcast, feeds, thread_connections):
    podcasts = [make_podcast(n) for n in range(1, 7)]
    feeds.responses[podcasts[0].feed_url] = FeedHTTPError("HTTP 500 Internal Server Error", status=500)
    serve(podcasts[1].feed_url, b"<html>not a feed</html>")
    feeds.responses[podcasts[2].feed_url] = RuntimeError("boom")  # unexpected error in the client

    summary = refresh_due_feeds()

    assert summary["updated"] == 3
    assert summary["error"] == 3
    assert Podcast.objects.get(pk=podcasts[2].pk).consecutive_failures == 1
    assert still_open(thread_connections) == []


@pytest.mark.django_db(transaction=True)
def test_repeated_runs_do_not_pile_up_connections(make_podcast, feeds, thread_connections):
    podcasts = [make_podcast(n) for n in range(1, 5)]
    for _ in range(5):
        Podcast.objects.update(next_fetch_at=None)
        summary = refresh_due_feeds()
        assert summary["updated"] + summary["not_modified"] == 4
        assert still_open(thread_connections) == []
    assert len(feeds.requests) == 5 * len(podcasts)


@pytest.mark.django_db(transaction=True)
def test_opml_import_fetch_closes_connections(tmp_path, make_podcast, thread_connections):
    for n in (11, 12, 13):
        make_podcast(n).delete()  # only registers the feed responses
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<opml version="2.0"><body>'
        + "".join(f'<outline text="Show {n}" xmlUrl="https://feeds.example/show-{n}.xml"/>' for n in (11, 12, 13))
        + "</body></opml>"
    )
    call_command("import_opml", str(opml))
    assert Episode.objects.count() == 6
    assert still_open(thread_connections) == []
