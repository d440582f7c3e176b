from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from collection.models import CollectionObject, Movement


def run(*args, **kwargs):
    out, err = StringIO(), StringIO()
    call_command("stores", "--operator", "jb", *args, stdout=out, stderr=err, **kwargs)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_move_by_accession_number(shelf, locations):
    out, _ = run("move", "--to", "st-c1-02", "1987.34.1", "2003.7")
    assert "moved 2 object(s) to ST-C1-02" in out
    moved = CollectionObject.objects.filter(location__code="ST-C1-02")
    assert sorted(moved.values_list("accession_number", flat=True)) == ["1987.34.1", "2003.7"]
    assert set(Movement.objects.values_list("moved_by", flat=True)) == {"jb"}
    assert Movement.objects.values("batch").distinct().count() == 1


@pytest.mark.django_db
def test_move_by_barcode_from_scanner_file(shelf, locations, tmp_path):
    scans = tmp_path / "scans.csv"
    scans.write_text("# bay C1 rehousing\nKCM0000101,2024-05-02T10:14:03\nkcm0000102,2024-05-02T10:14:09\n\n",
                     encoding="utf-8")
    out, _ = run("move", "--to", "ST-C1-02", "--from-file", str(scans))
    assert "moved 2 object(s)" in out
    assert CollectionObject.objects.get(accession_number="1987.34.2").location.code == "ST-C1-02"


@pytest.mark.django_db
def test_move_unknown_accession_number_is_an_error(shelf):
    with pytest.raises(CommandError, match="1999.1.1"):
        run("move", "--to", "ST-C1-02", "1987.34.1", "1999.1.1")
    assert not Movement.objects.exists()


@pytest.mark.django_db
def test_move_unknown_location_is_an_error(shelf):
    with pytest.raises(CommandError, match="ST-Z9"):
        run("move", "--to", "ST-Z9", "1987.34.1")


@pytest.mark.django_db
def test_move_needs_something_to_move(shelf, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("# nothing scanned\n", encoding="utf-8")
    with pytest.raises(CommandError, match="no objects given"):
        run("move", "--to", "ST-C1-02", "--from-file", str(empty))


@pytest.mark.django_db
def test_dry_run_changes_nothing(shelf):
    out, _ = run("move", "--to", "ST-C1-02", "--dry-run", "1987.34.1")
    assert "[dry run] would move 1 object(s)" in out
    assert not Movement.objects.exists()
    assert CollectionObject.objects.get(accession_number="1987.34.1").location.code == "ST-B2-04"


@pytest.mark.django_db
def test_capacity_and_closed_locations(shelf, make_object):
    make_object("2010.1", location="ST-C1-02")
    with pytest.raises(CommandError, match="room for 2"):
        run("move", "--to", "ST-C1-02", "1987.34.1", "1987.34.2", "2003.7")
    with pytest.raises(CommandError, match="closed"):
        run("move", "--to", "ST-OLD", "1987.34.1")
    assert not Movement.objects.exists()


@pytest.mark.django_db
def test_objects_on_loan_are_skipped(shelf, make_object):
    make_object("1950.2", status=CollectionObject.Status.ON_LOAN)
    out, err = run("move", "--to", "ST-C1-02", "1950.2", "2003.7")
    assert "skipped 1950.2: out on loan" in err
    assert "moved 1 object(s)" in out


@pytest.mark.django_db(transaction=True)
def test_quarantine_move_notifies_conservation(shelf):
    run("move", "--to", "QUAR-1", "--reason", "pest", "KCM0000103")
    obj = CollectionObject.objects.get(accession_number="2003.7")
    assert obj.status == CollectionObject.Status.QUARANTINED
    assert len(mail.outbox) == 1
    assert "2003.7" in mail.outbox[0].body
