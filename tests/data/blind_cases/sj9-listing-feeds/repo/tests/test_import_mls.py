from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from listings.models import Listing

HEADER = ("ListingId,AgentLicense,Status,PropertyType,Street,Unit,City,State,PostalCode,ListPrice,Bedrooms,"
          "Bathrooms,LivingArea,ListDate,ExpirationDate,PublicRemarks\n")


def drop(feed_dirs, name, text):
    incoming = feed_dirs / "mls" / "incoming"
    incoming.mkdir(parents=True, exist_ok=True)
    (incoming / name).write_text(text, encoding="utf-8")


@pytest.mark.django_db
def test_import_creates_and_updates_listings(agent, make_listing, feed_dirs):
    make_listing(mls_number="OLR2001", price=Decimal("900000"))
    drop(feed_dirs, "mls-20240311.csv", HEADER
         + "OLR2001,10401234567,Active Under Contract,Condominium,55 Pierrepont St,4B,Brooklyn,NY,11201,"
           "\"875,000\",2,2,1100,2024-01-15,,Light-filled corner unit\n"
         + "OLR2002,10401234567,Active,Single Family,12 Prospect Pl,,Brooklyn,ny,11217,2150000,4,3.5,,"
           "2024-03-01,2024-09-01,\n"
         + "OLR2003,99999999999,Active,Single Family,1 Nowhere,,Brooklyn,NY,11217,100,1,1,,2024-03-01,,\n")
    out = StringIO()

    call_command("import_mls", "--no-expire", stdout=out)

    updated = Listing.objects.get(mls_number="OLR2001")
    assert updated.status == Listing.Status.PENDING
    assert updated.price == Decimal("875000")
    assert updated.unit == "4B"
    created = Listing.objects.get(mls_number="OLR2002")
    assert created.state == "NY"
    assert created.expires_on == date(2024, 9, 1)
    assert "1 created, 1 updated, 1 skipped" in out.getvalue()
    assert (feed_dirs / "mls" / "processed" / "mls-20240311.csv").exists()
    assert not (feed_dirs / "mls" / "incoming" / "mls-20240311.csv").exists()


@pytest.mark.django_db
def test_file_with_wrong_columns_is_moved_aside(agent, feed_dirs):
    drop(feed_dirs, "mls-20240312.csv", "Id,Price\n1,2\n")

    call_command("import_mls", "--no-expire", stdout=StringIO())

    assert (feed_dirs / "mls" / "failed" / "mls-20240312.csv").exists()
    assert Listing.objects.count() == 0


@pytest.mark.django_db
def test_expired_agreements(make_listing):
    old = make_listing(expires_on=date(2020, 1, 1))
    current = make_listing(expires_on=date(2999, 1, 1))

    call_command("import_mls", stdout=StringIO())

    old.refresh_from_db()
    current.refresh_from_db()
    assert old.status == Listing.Status.EXPIRED
    assert current.status == Listing.Status.ACTIVE
