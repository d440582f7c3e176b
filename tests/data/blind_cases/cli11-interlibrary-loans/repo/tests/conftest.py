from datetime import datetime, timezone as dt_timezone

import pytest

from libraries.models import Library
from loans.services import check_out_to_patron, ship_loan

SHIPPED = datetime(2024, 2, 20, 15, 0, tzinfo=dt_timezone.utc)


@pytest.fixture
def libraries(db):
    return {
        "ECL": Library.objects.create(code="ECL", name="Eastbrook County Library", ils=Library.System.POLARIS,
                                      ill_contact_email="ill@eastbrook.example", courier_route="R2"),
        "WPL": Library.objects.create(code="WPL", name="Westfield Public Library", ils=Library.System.KOHA,
                                      ill_contact_email="circ@westfield.example", courier_route="R1"),
        "HPL": Library.objects.create(code="HPL", name="Harlow Public Library", ils=Library.System.SIERRA,
                                      courier_route="R1"),
    }


@pytest.fixture
def make_loan(libraries):
    counter = {"n": 0}

    def _make(barcode, lender="ECL", borrower="WPL", checked_out=True, shipped_at=SHIPPED, title=None):
        counter["n"] += 1
        loan = ship_loan(
            ill_number=f"ILL-24-{counter['n']:05d}",
            item_barcode=barcode,
            title=title or f"Test title {counter['n']}",
            lending_library=libraries[lender],
            borrowing_library=libraries[borrower],
            shipped_at=shipped_at,
        )
        if checked_out:
            check_out_to_patron(loan, patron_ref=f"P{counter['n']:06d}")
        return loan

    return _make
