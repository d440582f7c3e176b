from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from permits.decisions import expire_permits
from permits.models import Permit


@pytest.mark.django_db
def test_queue_worker_once(meters):
    zone = meters["HG-0301"].zone
    Permit.objects.create(number="P-1", zone=zone, holder_name="A", address="x", plate="AB12CDE",
                          valid_from=date(2024, 1, 1), valid_until=date(2024, 12, 31))
    Permit.objects.create(number="P-2", zone=zone, holder_name="B", address="y", plate="AB12CDE",
                          valid_from=date(2024, 1, 1), valid_until=date(2024, 12, 31), status=Permit.Status.ACTIVE)
    out = StringIO()
    call_command("process_permit_queue", "--once", stdout=out)
    assert "decided 1 application(s)" in out.getvalue()
    assert Permit.objects.get(number="P-1").status == Permit.Status.REVOKED


@pytest.mark.django_db
def test_expire_permits(meters):
    zone = meters["HG-0301"].zone
    Permit.objects.create(number="P-3", zone=zone, holder_name="C", address="z", plate="CD34EFG",
                          valid_from=date(2023, 1, 1), valid_until=date(2023, 12, 31), status=Permit.Status.ACTIVE)
    assert expire_permits(today=date(2024, 1, 1)) == 1
