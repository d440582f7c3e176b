from io import StringIO

import pytest
from django.core.management import call_command

from collection.models import Location, LocationAudit


def audit(code, scans, tmp_path, *extra):
    path = tmp_path / "shelf.csv"
    path.write_text("\n".join(scans) + "\n", encoding="utf-8")
    out = StringIO()
    call_command("stores", "--operator", "mk", "audit", code, "--scan-file", str(path), *extra, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_audit_reports_missing_unexpected_and_unknown(shelf, make_object, tmp_path):
    make_object("2011.5", location="GAL-3-A", barcode="KCM0000200")
    out = audit("ST-B2-04", ["KCM0000101", "2003.7", "KCM0000200", "KCM0555555"], tmp_path)
    assert "ST-B2-04: 2/3 expected object(s) found (67%)" in out
    assert "MISSING     1987.34.2" in out
    assert "UNEXPECTED  2011.5" in out
    assert "UNKNOWN     KCM0555555" in out
    record = LocationAudit.objects.get()
    assert (record.expected_count, record.found_count, record.audited_by) == (3, 2, "mk")
    assert Location.objects.get(code="ST-B2-04").last_audited_at is not None


@pytest.mark.django_db
def test_audit_of_an_empty_shelf(locations, tmp_path):
    out = audit("ST-C1-02", [], tmp_path, "--no-record")
    assert "ST-C1-02: 0/0 expected object(s) found (100%)" in out
    assert not LocationAudit.objects.exists()
