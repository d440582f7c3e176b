import csv
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from catalogue.models import Sale


@pytest.mark.django_db
def test_close_sale_settle_now_and_export(tmp_path, make_sale, consignor, bidders, bid):
    sale = make_sale("AUT24", status=Sale.Status.OPEN)
    from catalogue.models import Lot

    l1 = Lot.objects.create(sale=sale, number=7, title="Pair of vases", consignor=consignor)
    bid(l1, bidders[101], "700")
    out = StringIO()

    call_command("close_sale", "AUT24", "--settle-now", stdout=out)

    assert "settled AUT24: 1 sold" in out.getvalue()
    target = tmp_path / "aut24.csv"
    call_command("export_statements", "AUT24", "-o", str(target), stdout=StringIO())
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert rows == [
        {"statement": "AUT24-CC100", "consignor": "C100", "lot": "7", "title": "Pair of vases", "outcome": "sold",
         "hammer": "700.00", "commission": "105.00", "net": "595.00", "bids": "1"}
    ]


@pytest.mark.django_db
def test_close_sale_refuses_a_sale_that_is_still_running(make_sale):
    from datetime import timedelta

    from django.utils import timezone

    make_sale("LIVE", status=Sale.Status.OPEN, closes_at=timezone.now() + timedelta(hours=1))
    with pytest.raises(CommandError, match="use --force"):
        call_command("close_sale", "LIVE", stdout=StringIO())
