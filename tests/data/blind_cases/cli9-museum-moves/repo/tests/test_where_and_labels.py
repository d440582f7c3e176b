from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from collection.models import ObjectLabel


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("stores", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_where_by_number_and_barcode(shelf):
    out, _ = run("where", "1987.34.1", "KCM0000103", "KCM0999999", "1900.1")
    assert "1987.34.1: 1987.34.1 Lustre jug -- ST-B2-04 (In store)" in out
    assert "KCM0000103: 2003.7 Fishing creel -- ST-B2-04" in out
    assert "KCM0999999: not found" in out
    assert "1900.1: not found" in out


@pytest.mark.django_db
def test_issue_label_retires_the_old_one(shelf):
    out, _ = run("labels", "issue", "1987.34.1")
    assert "new label KCM0000104, 1 retired" in out
    assert not ObjectLabel.objects.get(barcode="KCM0000101").active
    assert ObjectLabel.objects.get(barcode="KCM0000104").object.accession_number == "1987.34.1"


@pytest.mark.django_db
def test_issue_label_for_unknown_object(shelf):
    with pytest.raises(CommandError, match="unknown object: 1900.1"):
        run("labels", "issue", "1900.1")


@pytest.mark.django_db
def test_retire_label(shelf):
    out, err = run("labels", "retire", "kcm0000102")
    assert "retired KCM0000102 (1987.34.2)" in out
    assert "has no active label now" in err
    with pytest.raises(CommandError, match="no active label"):
        run("labels", "retire", "KCM0000102")
