import logging
from decimal import Decimal

from django.db import transaction

from .models import Listing, ListingPhoto

logger = logging.getLogger(__name__)

MAX_PHOTOS = 20


class ListingError(ValueError):
    pass


def _check_photos(photos):
    if len(photos) > MAX_PHOTOS:
        raise ListingError(f"at most {MAX_PHOTOS} photos per listing")
    for photo in photos:
        if not photo.get("url", "").startswith("https://"):
            raise ListingError(f"photo url must be https: {photo.get('url')!r}")


@transaction.atomic
def publish_listing(agent, *, title, city, price, bedrooms=1, description="", photos=()):
    """Create an active listing together with its photos."""
    photos = list(photos)
    listing = Listing.objects.create(
        agent=agent, title=title.strip(), city=city.strip(), price=Decimal(price), bedrooms=bedrooms,
        description=description, status=Listing.Status.ACTIVE,
    )
    _check_photos(photos)
    ListingPhoto.objects.bulk_create([
        ListingPhoto(listing=listing, url=p["url"], caption=p.get("caption", ""), position=i)
        for i, p in enumerate(photos)
    ])
    logger.info("listing %s published by agent %s with %d photos", listing.pk, agent.pk, len(photos))
    return listing


@transaction.atomic
def change_price(listing_id, new_price):
    listing = Listing.objects.select_for_update().get(pk=listing_id)
    listing.price = Decimal(new_price)
    listing.save(update_fields=["price", "updated_at"])
    return listing
