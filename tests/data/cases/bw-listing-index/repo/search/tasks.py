import logging

from celery import shared_task
from django.utils import timezone

from listings.models import Listing

from .models import ListingDocument

logger = logging.getLogger(__name__)


def build_document(listing):
    photos = list(listing.photos.all())
    body = " ".join([listing.title, listing.city, listing.description] + [p.caption for p in photos])
    return {
        "title": listing.title,
        "city": listing.city,
        "price": listing.price,
        "status": listing.status,
        "photo_count": len(photos),
        "cover_url": photos[0].url if photos else "",
        "body": body.lower(),
        "indexed_at": timezone.now(),
    }


@shared_task(acks_late=True)
def index_listing(listing_id):
    """(Re)build the search document of one listing."""
    listing = Listing.objects.select_related("agent").get(pk=listing_id)
    doc, created = ListingDocument.objects.update_or_create(listing_id=listing.pk, defaults=build_document(listing))
    logger.info("indexed listing %s (%d photos)", listing.pk, doc.photo_count)
    return doc.pk


@shared_task
def remove_listing_document(listing_id):
    deleted, _ = ListingDocument.objects.filter(listing_id=listing_id).delete()
    return deleted
