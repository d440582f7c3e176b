"""Turning a digitised box into a catalogue entry."""
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from archive.models import Box

from .models import CatalogueEntry


class CataloguingError(Exception):
    pass


def format_date_range(year_from, year_to):
    if not year_from and not year_to:
        return "undated"
    if not year_from or not year_to or year_from == year_to:
        return str(year_from or year_to)
    return f"{year_from}-{year_to}"


def format_extent(box):
    pages = box.page_count
    return f"1 box, {pages} page{'s' if pages != 1 else ''}"


def access_for(box, today):
    """Records stay closed for the fonds' closure period after their last year."""
    years = box.fonds.closed_until_years
    if not years:
        return CatalogueEntry.Access.OPEN, None
    last_year = box.year_to or box.year_from or today.year
    open_from = last_year + years + 1
    if open_from > today.year:
        return CatalogueEntry.Access.CLOSED, open_from
    return CatalogueEntry.Access.OPEN, open_from


def full_reference_code(box):
    return f"{settings.ARCHIVE_REPOSITORY_CODE}/{box.reference_code}"


def catalogue_box(box, now=None):
    """Create the catalogue entry for a scanned box and mark the box catalogued."""
    now = now or timezone.now()
    if box.status != Box.Status.SCANNED:
        raise CataloguingError(f"{box} is {box.status}, only scanned boxes can be catalogued")
    access, open_from = access_for(box, timezone.localdate(now))
    with transaction.atomic():
        entry = CatalogueEntry.objects.create(
            box=box,
            reference_code=full_reference_code(box),
            title=" ".join(box.label.split()),
            date_range=format_date_range(box.year_from, box.year_to),
            extent=format_extent(box),
            access=access,
            open_from_year=open_from,
            created_at=now,
        )
        box.status = Box.Status.CATALOGUED
        box.catalogued_at = now
        box.save(update_fields=["status", "catalogued_at"])
    return entry
