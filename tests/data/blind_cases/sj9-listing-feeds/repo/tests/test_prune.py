import os
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from syndication.models import FeedRun


@pytest.mark.django_db
def test_prune_keeps_recent_and_running_runs(portal):
    now = timezone.now()
    FeedRun.objects.create(portal=portal, started_at=now - timedelta(days=40), status=FeedRun.Status.SUCCEEDED)
    FeedRun.objects.create(portal=portal, started_at=now - timedelta(days=40), status=FeedRun.Status.FAILED)
    running = FeedRun.objects.create(portal=portal, started_at=now - timedelta(days=40))
    recent = FeedRun.objects.create(portal=portal, started_at=now - timedelta(days=2),
                                    status=FeedRun.Status.SUCCEEDED)

    call_command("prune_feed_runs", stdout=StringIO())

    assert set(FeedRun.objects.all()) == {running, recent}


@pytest.mark.django_db
def test_prune_removes_old_published_files_but_not_latest(portal, feed_dirs):
    folder = feed_dirs / "public" / "streeteasy"
    folder.mkdir(parents=True)
    old_time = time.time() - 45 * 86400
    for name in ("streeteasy-20240101-0205.xml.gz", "latest.xml.gz"):
        (folder / name).write_bytes(b"x")
        os.utime(folder / name, (old_time, old_time))
    (folder / "streeteasy-20240311-0205.xml.gz").write_bytes(b"x")
    out = StringIO()

    call_command("prune_feed_runs", stdout=out)

    assert sorted(p.name for p in folder.iterdir()) == ["latest.xml.gz", "streeteasy-20240311-0205.xml.gz"]
    assert "deleted 0 run(s)" in out.getvalue()
    assert "1 file(s)" in out.getvalue()
