from io import StringIO

import pytest
from django.core.management import call_command

from catalog.models import Category, Podcast
from charts.jobs import compute_weekly_charts
from charts.models import ChartEntry, DownloadStat


@pytest.mark.django_db
def test_import_opml_without_refresh(tmp_path):
    Category.objects.create(name="Science", slug="science")
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<opml version="2.0"><body>'
        '<outline text="Radio Lab" type="rss" xmlUrl="https://feeds.example/radiolab.xml"/>'
        '<outline text="Not a feed"/>'
        "</body></opml>"
    )
    out = StringIO()
    call_command("import_opml", str(opml), "--category", "science", "--no-refresh", stdout=out)
    assert "1 new podcasts" in out.getvalue()
    podcast = Podcast.objects.get()
    assert podcast.slug == "radio-lab"
    assert [c.slug for c in podcast.categories.all()] == ["science"]


@pytest.mark.django_db
def test_refresh_feeds_command_single(make_podcast):
    podcast = make_podcast(7, episodes=1)
    out = StringIO()
    call_command("refresh_feeds", "--podcast", str(podcast.pk), stdout=out)
    assert f"podcast {podcast.pk}: updated, 1 new episodes" in out.getvalue()


@pytest.mark.django_db
def test_weekly_charts(make_podcast, tmp_path):
    from datetime import date

    science = Category.objects.create(name="Science", slug="science")
    a, b = make_podcast(1), make_podcast(2)
    for podcast in (a, b):
        podcast.categories.add(science)
    csv_file = tmp_path / "stats.csv"
    csv_file.write_text(
        "feed_url,day,downloads\n"
        f"{a.feed_url},2024-04-29,100\n{a.feed_url},2024-04-30,50\n{b.feed_url},2024-05-01,400\n"
        "https://unknown.example/x.xml,2024-05-01,5\n"
    )
    out = StringIO()
    call_command("import_download_stats", str(csv_file), stdout=out)
    assert "3 rows imported, 1 skipped" in out.getvalue()
    assert DownloadStat.objects.count() == 3
    assert compute_weekly_charts(week=date(2024, 4, 29)) == 2
    assert list(ChartEntry.objects.values_list("rank", "podcast_id", "downloads")) == [(1, b.pk, 400), (2, a.pk, 150)]
