import csv
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from rentals.models import RentalContract
from tests.conftest import local


@pytest.mark.django_db
def test_export_rentals_includes_last_day():
    for i, returned in enumerate([local(2024, 3, 30, 16, 0), local(2024, 3, 31, 17, 15), local(2024, 4, 1, 9, 0)]):
        RentalContract.objects.create(number=f"R-{i}", customer_name="A. Meier", equipment="Skis + boots",
                                      started_at=local(2024, 3, 28, 9, 0), returned_at=returned,
                                      status="returned", amount_chf=Decimal("96.00"))
    out = StringIO()
    call_command("export_rentals", "--since", "2024-03-30", "--until", "2024-03-31", stdout=out)
    assert [r["number"] for r in csv.DictReader(StringIO(out.getvalue()))] == ["R-0", "R-1"]
