"""Acceptance tests: a feed export that fails (portal FTP down, publish volume
not writable) is closed as failed, leaves nothing behind, and does not keep the
portal from being exported on the very next run."""
import socket
from datetime import date, datetime, timedelta, timezone as dt_timezone
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from listings.models import Agent, Listing, Office
from syndication.exporter import FeedExporter
from syndication.models import FeedRun, Portal

NOW = datetime(2024, 3, 11, 6, 5, tzinfo=dt_timezone.utc)


@pytest.fixture
def dirs(settings, tmp_path):
    settings.FEEDS_STAGING_ROOT = tmp_path / "staging"
    settings.FEEDS_PUBLISH_ROOT = tmp_path / "public"
    settings.FEED_FTP_TIMEOUT = 5
    return tmp_path


@pytest.fixture
def refused_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def listings(db):
    office = Office.objects.create(code="HRT-BK", name="Hearth Realty Brooklyn")
    agent = Agent.objects.create(office=office, license_number="10409876543", first_name="Lee",
                                 last_name="Okafor", email="lee@hearth.example")
    return [
        Listing.objects.create(mls_number=f"OLR{n}", agent=agent, status=Listing.Status.ACTIVE,
                               street=f"{n} Court St", city="Brooklyn", state="NY", postal_code="11231",
                               price=Decimal("989000"), bedrooms=2, bathrooms=Decimal("1.0"),
                               listed_on=date(2024, 2, 20))
        for n in (3001, 3002)
    ]


@pytest.fixture
def ftp_portal(db, refused_port):
    return Portal.objects.create(code="zillow", name="Zillow", delivery=Portal.Delivery.FTP,
                                 ftp_host="127.0.0.1", ftp_port=refused_port, ftp_user="hearth",
                                 ftp_password="secret", ftp_directory="/feeds")


def leftovers(dirs):
    staging = dirs / "staging"
    return sorted(p.name for p in staging.iterdir()) if staging.exists() else []


def attempt(portal, now):
    try:
        FeedExporter(portal, now=now).run()
    except Exception:
        pass


@pytest.mark.django_db
def test_failed_delivery_closes_the_run_as_failed(ftp_portal, listings, dirs):
    attempt(ftp_portal, NOW)

    runs = list(FeedRun.objects.filter(portal=ftp_portal))
    assert len(runs) == 1
    assert runs[0].status == FeedRun.Status.FAILED
    assert not FeedRun.objects.filter(status=FeedRun.Status.RUNNING).exists()
    assert leftovers(dirs) == []


@pytest.mark.django_db
def test_portal_is_exported_on_the_next_run_after_a_failure(ftp_portal, listings, dirs):
    attempt(ftp_portal, NOW)

    # FTP is back (here: the portal switched to pulling the published feed)
    ftp_portal.delivery = Portal.Delivery.PUBLISH
    ftp_portal.save()
    run = FeedExporter(ftp_portal, now=NOW + timedelta(minutes=10)).run()

    assert run.status == FeedRun.Status.SUCCEEDED
    assert run.listing_count == 2
    assert (dirs / "public" / "zillow" / "latest.xml.gz").exists()
    assert leftovers(dirs) == []


@pytest.mark.django_db
def test_unwritable_publish_volume_does_not_block_the_portal(listings, dirs):
    portal = Portal.objects.create(code="streeteasy", name="StreetEasy")
    (dirs / "public").write_text("not a directory")

    attempt(portal, NOW)

    assert FeedRun.objects.get(portal=portal).status == FeedRun.Status.FAILED
    assert leftovers(dirs) == []

    (dirs / "public").unlink()
    run = FeedExporter(portal, now=NOW + timedelta(minutes=1)).run()
    assert run.status == FeedRun.Status.SUCCEEDED
    assert (dirs / "public" / "streeteasy" / "latest.xml.gz").exists()


@pytest.mark.django_db
def test_hourly_command_retries_a_failed_portal_and_still_reports_failures(ftp_portal, listings, dirs):
    Portal.objects.create(code="streeteasy", name="StreetEasy")

    for _ in range(2):
        err = StringIO()
        with pytest.raises(CommandError):
            call_command("export_feeds", stdout=StringIO(), stderr=err)
        assert "zillow" in err.getvalue()

    zillow_runs = FeedRun.objects.filter(portal=ftp_portal)
    assert zillow_runs.count() == 2, "the second hourly run did not even try zillow"
    assert set(zillow_runs.values_list("status", flat=True)) == {FeedRun.Status.FAILED}
    assert set(FeedRun.objects.filter(portal__code="streeteasy").values_list("status", flat=True)) == {
        FeedRun.Status.SUCCEEDED}
    assert leftovers(dirs) == []

    ftp_portal.delivery = Portal.Delivery.PUBLISH
    ftp_portal.save()
    out = StringIO()
    call_command("export_feeds", "--portal", "zillow", stdout=out)
    assert "zillow: 2 listings" in out.getvalue()
    assert not FeedRun.objects.filter(status=FeedRun.Status.RUNNING).exists()
