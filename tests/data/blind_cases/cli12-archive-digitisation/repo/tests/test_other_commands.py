import csv
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.models import Box, ScanFile
from catalogue.models import CatalogueEntry
from catalogue.services import catalogue_box


@pytest.mark.django_db
def test_import_manifest_marks_boxes_scanned(tmp_path, make_box):
    make_box(12, status=Box.Status.AT_VENDOR)
    make_box(13, status=Box.Status.AT_VENDOR)
    manifest = tmp_path / "delivery-07.csv"
    manifest.write_text(
        "box,filename,pages,sha256\n"
        "PW/0012,PW_0012_001.pdf,148,AB12\n"
        "PW/0012,PW_0012_002.pdf,52,CD34\n"
        "PW/13,PW_0013_001.pdf,9,EF56\n"
    )

    call_command("import_scan_manifest", str(manifest), stdout=StringIO())

    box12 = Box.objects.get(number=12)
    assert box12.status == Box.Status.SCANNED and box12.page_count == 200 and box12.scanned_at
    assert Box.objects.get(number=13).page_count == 9
    assert ScanFile.objects.get(filename="PW_0012_002.pdf").sha256 == "cd34"


@pytest.mark.django_db
def test_import_manifest_rejects_unknown_box(tmp_path, make_box):
    manifest = tmp_path / "delivery.csv"
    manifest.write_text("box,filename,pages,sha256\nPW/0099,x.pdf,1,00\n")
    with pytest.raises(CommandError, match="not registered"):
        call_command("import_scan_manifest", str(manifest), stdout=StringIO())


@pytest.mark.django_db
def test_refresh_page_counts_corrects_every_box(make_box):
    boxes = [make_box(n, pages=10 * n) for n in range(1, 8)]
    Box.objects.update(page_count=1)
    make_box(50, status=Box.Status.RECEIVED)

    out = StringIO()
    call_command("refresh_page_counts", "--batch-size", "3", stdout=out)

    assert "Checked 7 boxes, corrected 7 page counts." in out.getvalue()
    assert [b.page_count for b in Box.objects.filter(pk__in=[b.pk for b in boxes]).order_by("number")] == \
        [10, 20, 30, 40, 50, 60, 70]


@pytest.mark.django_db
def test_export_catalogue_writes_published_entries(make_box):
    for n in (3, 1, 2):
        catalogue_box(make_box(n, pages=5))
    CatalogueEntry.objects.exclude(box__number=2).update(published=True)

    out = StringIO()
    call_command("export_catalogue", "--output", "-", stdout=out, stderr=StringIO())

    rows = list(csv.DictReader(StringIO(out.getvalue())))
    assert [r["reference_code"] for r in rows] == ["NL-GmMA/PW/0001", "NL-GmMA/PW/0003"]
    assert rows[0]["creator"] == "Dienst Publieke Werken"


@pytest.mark.django_db
def test_open_expired_closures(fonds, make_box):
    fonds.closed_until_years = 75
    fonds.save()
    entry = catalogue_box(make_box(1, year_from=1960, year_to=1966))
    assert entry.open_from_year == 2042

    call_command("open_expired_closures", "--year", "2041", stdout=StringIO())
    entry.refresh_from_db()
    assert entry.access == CatalogueEntry.Access.CLOSED
    call_command("open_expired_closures", "--year", "2042", stdout=StringIO())
    entry.refresh_from_db()
    assert entry.access == CatalogueEntry.Access.OPEN
