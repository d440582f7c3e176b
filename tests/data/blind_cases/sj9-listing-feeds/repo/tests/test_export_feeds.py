import gzip
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone as dt_timezone
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from listings.models import Listing
from syndication.exporter import FeedExporter
from syndication.models import FeedRun, Portal
from syndication.workspace import ExportInProgress

NOW = datetime(2024, 3, 11, 6, 5, tzinfo=dt_timezone.utc)


def read_gz(path):
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return fh.read()


@pytest.mark.django_db
def test_xml_feed_is_published_with_syndicated_listings(portal, make_listing, feed_dirs):
    active = make_listing(photos=2)
    pending = make_listing(status=Listing.Status.PENDING)
    make_listing(status=Listing.Status.SOLD)
    make_listing(syndicate=False)

    run = FeedExporter(portal, now=NOW).run()

    assert run.status == FeedRun.Status.SUCCEEDED
    assert run.listing_count == 2
    assert run.file_name == "streeteasy-20240311-0205.xml.gz"
    published = feed_dirs / "public" / "streeteasy"
    root = ET.fromstring(read_gz(published / run.file_name))
    assert [el.get("id") for el in root.iter("Listing")] == [active.mls_number, pending.mls_number]
    first = root.find("Listing")
    assert first.findtext("City") == "Brooklyn"
    assert [p.text for p in first.iter("Photo")] == [p.url for p in active.photos.all()]
    assert read_gz(published / "latest.xml.gz") == read_gz(published / run.file_name)


@pytest.mark.django_db
def test_csv_feed_without_pending(make_listing, feed_dirs):
    portal = Portal.objects.create(code="homes", name="Homes.example", feed_format=Portal.Format.CSV,
                                   include_pending=False)
    make_listing()
    make_listing(status=Listing.Status.PENDING)

    run = FeedExporter(portal, now=NOW).run()

    lines = read_gz(feed_dirs / "public" / "homes" / run.file_name).splitlines()
    assert lines[0].startswith("ListingId,Status,PropertyType")
    assert len(lines) == 2
    assert ",Active,SingleFamily,1 Bergen St," in lines[1]


@pytest.mark.django_db
def test_staging_directory_is_removed_after_a_run(portal, make_listing, feed_dirs):
    make_listing()
    FeedExporter(portal, now=NOW).run()
    assert list((feed_dirs / "staging").iterdir()) == []


@pytest.mark.django_db
def test_export_is_skipped_while_another_run_is_going(portal, make_listing, feed_dirs):
    make_listing()
    other = FeedRun.objects.create(portal=portal, started_at=NOW - timedelta(minutes=20))

    with pytest.raises(ExportInProgress) as excinfo:
        FeedExporter(portal, now=NOW).run()

    assert excinfo.value.run == other
    assert FeedRun.objects.count() == 1
    assert not (feed_dirs / "public" / "streeteasy").exists()


@pytest.mark.django_db
def test_abandoned_run_is_closed_and_export_proceeds(portal, make_listing):
    make_listing()
    dead = FeedRun.objects.create(portal=portal, started_at=NOW - timedelta(hours=4))

    run = FeedExporter(portal, now=NOW).run()

    dead.refresh_from_db()
    assert dead.status == FeedRun.Status.FAILED
    assert dead.error.startswith("abandoned")
    assert run.status == FeedRun.Status.SUCCEEDED


@pytest.mark.django_db
def test_command_exports_every_active_portal(portal, make_listing):
    make_listing()
    Portal.objects.create(code="homes", name="Homes.example", feed_format=Portal.Format.CSV)
    Portal.objects.create(code="old-portal", name="Old portal", active=False)
    out = StringIO()

    call_command("export_feeds", stdout=out)

    assert sorted(FeedRun.objects.values_list("portal__code", "status")) == [
        ("homes", "succeeded"), ("streeteasy", "succeeded")]
    assert "streeteasy: 1 listings -> streeteasy-" in out.getvalue()


@pytest.mark.django_db
def test_command_reports_a_skipped_portal(portal, make_listing):
    make_listing()
    FeedRun.objects.create(portal=portal, started_at=timezone.now() - timedelta(minutes=5))
    out = StringIO()

    call_command("export_feeds", "--portal", "streeteasy", stdout=out)

    assert "streeteasy: skipped" in out.getvalue()


@pytest.mark.django_db
def test_command_fails_when_a_portal_cannot_be_delivered(portal, make_listing, closed_port, feed_dirs):
    make_listing()
    Portal.objects.create(code="zillow", name="Zillow", delivery=Portal.Delivery.FTP, ftp_host="127.0.0.1",
                          ftp_port=closed_port, ftp_user="hearth", ftp_password="x")
    err = StringIO()

    with pytest.raises(CommandError, match="zillow"):
        call_command("export_feeds", stdout=StringIO(), stderr=err)

    assert "zillow: FAILED: FTP upload to 127.0.0.1" in err.getvalue()
    # the other portal is still exported
    assert (feed_dirs / "public" / "streeteasy" / "latest.xml.gz").exists()


@pytest.mark.django_db
def test_unknown_portal_is_an_error(portal):
    with pytest.raises(CommandError, match="unknown portal"):
        call_command("export_feeds", "--portal", "nope", stdout=StringIO())
