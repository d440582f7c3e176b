from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.models import Box, Fonds
from catalogue.models import CatalogueEntry
from catalogue.services import CataloguingError, catalogue_box


def run(*args, **kwargs):
    out = StringIO()
    call_command("catalogue_scanned_boxes", *args, stdout=out, **kwargs)
    return out.getvalue()


@pytest.mark.django_db
def test_scanned_boxes_get_an_entry_and_are_marked_catalogued(make_box):
    boxes = [make_box(n, pages=100 + n) for n in (1, 2, 3)]

    output = run()

    assert "Catalogued 3 of 3 scanned boxes." in output
    for box in boxes:
        box.refresh_from_db()
        assert box.status == Box.Status.CATALOGUED
        assert box.catalogued_at is not None
    entry = CatalogueEntry.objects.get(box=boxes[0])
    assert entry.reference_code == "NL-GmMA/PW/0001"
    assert entry.date_range == "1961-1964"
    assert entry.extent == "1 box, 101 pages"
    assert entry.access == CatalogueEntry.Access.OPEN


@pytest.mark.django_db
def test_only_scanned_boxes_are_catalogued(make_box):
    make_box(1, status=Box.Status.RECEIVED)
    make_box(2, status=Box.Status.AT_VENDOR)
    make_box(3, status=Box.Status.WITHDRAWN)
    scanned = make_box(4)

    run()

    assert list(CatalogueEntry.objects.values_list("box_id", flat=True)) == [scanned.pk]
    assert Box.objects.filter(status=Box.Status.CATALOGUED).count() == 1


@pytest.mark.django_db
def test_dry_run_changes_nothing(make_box):
    for n in range(1, 6):
        make_box(n)

    output = run("--dry-run", "--batch-size", "2")

    assert "Would catalogue 5 of 5 scanned boxes." in output
    assert output.count("would catalogue PW/") == 5
    assert not CatalogueEntry.objects.exists()
    assert Box.objects.filter(status=Box.Status.SCANNED).count() == 5


@pytest.mark.django_db
def test_fonds_filter(make_box):
    other = Fonds.objects.create(code="SZ", title="Sociale Zaken", creator="Afdeling Sociale Zaken")
    pw = make_box(1)
    sz = make_box(1, fonds=other)

    run("--fonds", "SZ")

    pw.refresh_from_db()
    sz.refresh_from_db()
    assert (pw.status, sz.status) == (Box.Status.SCANNED, Box.Status.CATALOGUED)
    with pytest.raises(CommandError):
        run("--fonds", "XX")


@pytest.mark.django_db
def test_closed_records_get_an_opening_year(fonds, make_box):
    fonds.closed_until_years = 75
    fonds.save()
    box = make_box(7, year_from=1970, year_to=1972)

    entry = catalogue_box(box)

    assert entry.access == CatalogueEntry.Access.CLOSED
    assert entry.open_from_year == 2048
    with pytest.raises(CataloguingError):
        catalogue_box(box)
