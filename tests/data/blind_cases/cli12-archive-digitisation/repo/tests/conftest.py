from datetime import datetime, timezone as dt_timezone

import pytest

from archive.models import Box, Fonds, ScanFile

DELIVERED = datetime(2024, 5, 14, 9, 30, tzinfo=dt_timezone.utc)


@pytest.fixture
def fonds(db):
    return Fonds.objects.create(code="PW", title="Public Works Department", creator="Dienst Publieke Werken",
                                accession_number="1998-041")


@pytest.fixture
def make_box(fonds):
    def _make(number, status=Box.Status.SCANNED, pages=0, fonds=fonds, **kwargs):
        kwargs.setdefault("label", f"Bouwvergunningen, dossiers {number}")
        kwargs.setdefault("year_from", 1961)
        kwargs.setdefault("year_to", 1964)
        box = Box.objects.create(fonds=fonds, number=number, status=status, page_count=pages, **kwargs)
        if pages:
            ScanFile.objects.create(box=box, filename=f"{fonds.code}_{number:04d}_001.pdf", pages=pages,
                                    sha256="0" * 64, delivered_at=DELIVERED)
        return box
    return _make
