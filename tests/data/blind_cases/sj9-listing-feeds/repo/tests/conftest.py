import socket
from datetime import date
from decimal import Decimal

import pytest

from listings.models import Agent, Listing, ListingPhoto, Office
from syndication.models import Portal


@pytest.fixture(autouse=True)
def feed_dirs(settings, tmp_path):
    settings.FEEDS_STAGING_ROOT = tmp_path / "staging"
    settings.FEEDS_PUBLISH_ROOT = tmp_path / "public"
    settings.MLS_DROP_DIR = tmp_path / "mls"
    settings.FEED_FTP_TIMEOUT = 5
    return tmp_path


@pytest.fixture
def agent(db):
    office = Office.objects.create(code="HRT-BK", name="Hearth Realty Brooklyn", phone="718-555-0100")
    return Agent.objects.create(office=office, license_number="10401234567", first_name="Dana",
                                last_name="Whitfield", email="dana@hearth.example", phone="718-555-0142")


@pytest.fixture
def make_listing(agent):
    counter = {"n": 0}

    def _make(status=Listing.Status.ACTIVE, photos=1, **kwargs):
        counter["n"] += 1
        n = counter["n"]
        values = dict(mls_number=f"OLR{1000 + n}", agent=agent, status=status, street=f"{n} Bergen St",
                      city="Brooklyn", state="NY", postal_code="11217", price=Decimal("1250000"),
                      bedrooms=3, bathrooms=Decimal("2.5"), living_area_sqft=1800, listed_on=date(2024, 2, 1))
        values.update(kwargs)
        listing = Listing.objects.create(**values)
        for i in range(photos):
            ListingPhoto.objects.create(listing=listing, url=f"https://cdn.hearth.example/{n}/{i}.jpg", position=i)
        return listing

    return _make


@pytest.fixture
def portal(db):
    return Portal.objects.create(code="streeteasy", name="StreetEasy", feed_format=Portal.Format.XML)


@pytest.fixture
def closed_port():
    """A local TCP port nothing listens on (connections are refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
