from decimal import Decimal

import pytest

from listings.models import Listing, ListingPhoto
from listings.services import ListingError, publish_listing
from search.models import ListingDocument
from search.query import search

PHOTOS = [{"url": "https://cdn.example/1.jpg", "caption": "Sunny balcony"},
          {"url": "https://cdn.example/2.jpg", "caption": "Kitchen"}]


@pytest.mark.django_db(transaction=True)
def test_publish_creates_listing_with_photos(agent):
    listing = publish_listing(agent, title=" Loft near the river ", city="Berlin", price="450000", photos=PHOTOS)
    assert listing.title == "Loft near the river"
    assert listing.status == Listing.Status.ACTIVE
    assert ListingPhoto.objects.filter(listing=listing).count() == 2


@pytest.mark.django_db(transaction=True)
def test_published_listing_is_searchable(agent):
    listing = publish_listing(agent, title="Loft near the river", city="Berlin", price="450000", photos=PHOTOS)
    doc = ListingDocument.objects.get(listing_id=listing.pk)
    assert doc.city == "Berlin"
    assert list(search("loft", city="berlin")) == [doc]


@pytest.mark.django_db
def test_http_photo_is_rejected(agent):
    with pytest.raises(ListingError):
        publish_listing(agent, title="Flat", city="Hamburg", price="1", photos=[{"url": "http://x/1.jpg"}])
    assert Listing.objects.count() == 0


@pytest.mark.django_db
def test_search_filters_by_price():
    from django.utils import timezone
    ListingDocument.objects.create(listing_id=1, title="A", city="Köln", price=Decimal("100"), status="active",
                                   body="a", indexed_at=timezone.now())
    ListingDocument.objects.create(listing_id=2, title="B", city="Köln", price=Decimal("900"), status="active",
                                   body="b", indexed_at=timezone.now())
    assert [d.listing_id for d in search(city="köln", max_price=500)] == [1]
