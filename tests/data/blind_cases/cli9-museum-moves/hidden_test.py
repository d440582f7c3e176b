"""Acceptance tests for `manage.py stores move` with barcodes that identify no object (retired or never issued):
the command must stop with a normal command error naming the barcode, and move nothing."""
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from collection.models import CollectionObject, Location, Movement, ObjectLabel


@pytest.fixture
def store(db):
    bay = Location.objects.create(code="ST-B2-04", name="Bay 2 shelf 4", building="North Store")
    Location.objects.create(code="ST-C1-02", name="Bay C1 shelf 2", building="North Store")
    jug = CollectionObject.objects.create(accession_number="1987.34.1", title="Lustre jug", location=bay)
    creel = CollectionObject.objects.create(accession_number="1932.118", title="Fishing creel", location=bay)
    plate = CollectionObject.objects.create(accession_number="2003.7", title="Willow plate", location=bay)
    # the jug was relabelled: its old label was retired and a new one issued
    ObjectLabel.objects.create(barcode="KCM0004127", object=jug, active=False)
    ObjectLabel.objects.create(barcode="KCM0006650", object=jug)
    ObjectLabel.objects.create(barcode="KCM0004131", object=creel)
    ObjectLabel.objects.create(barcode="KCM0004135", object=plate)
    return bay


def move(*args):
    out, err = StringIO(), StringIO()
    call_command("stores", "--operator", "jb", "move", *args, stdout=out, stderr=err)
    return out.getvalue()


def assert_nothing_moved():
    assert not Movement.objects.exists()
    assert set(CollectionObject.objects.values_list("location__code", flat=True)) == {"ST-B2-04"}


@pytest.mark.django_db
def test_retired_label_in_scanner_file_is_reported(store, tmp_path):
    scans = tmp_path / "scans.csv"
    scans.write_text("KCM0004131,2024-05-02T10:14:03\nKCM0004127,2024-05-02T10:14:09\n"
                     "2003.7,2024-05-02T10:14:15\n", encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        move("--to", "ST-C1-02", "--from-file", str(scans))
    assert "KCM0004127" in str(exc.value)
    assert_nothing_moved()


@pytest.mark.django_db
def test_never_issued_barcode_is_reported(store):
    with pytest.raises(CommandError) as exc:
        move("--to", "ST-C1-02", "1932.118", "KCM0999999")
    assert "KCM0999999" in str(exc.value)
    assert_nothing_moved()


@pytest.mark.django_db
def test_unknown_barcode_is_reported_in_a_dry_run_too(store):
    with pytest.raises(CommandError) as exc:
        move("--to", "ST-C1-02", "--dry-run", "KCM0004127")
    assert "KCM0004127" in str(exc.value)
    assert_nothing_moved()


@pytest.mark.django_db
def test_unknown_barcode_alongside_unknown_accession_number(store):
    with pytest.raises(CommandError) as exc:
        move("--to", "ST-C1-02", "KCM0999999", "1999.1.1")
    assert "KCM0999999" in str(exc.value)
    assert_nothing_moved()


@pytest.mark.django_db
def test_current_labels_still_move(store):
    out = move("--to", "ST-C1-02", "KCM0006650", "KCM0004131", "2003.7")
    assert "moved 3 object(s) to ST-C1-02" in out
    assert set(CollectionObject.objects.values_list("location__code", flat=True)) == {"ST-C1-02"}
    assert Movement.objects.count() == 3
