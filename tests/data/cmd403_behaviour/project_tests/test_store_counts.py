"""The depot project's own test of the store-count import (all codes known)."""
from types import SimpleNamespace

import pytest

from depot.forms.p02_rows_helper import import_store_counts
from depot.models import StockLine, Store


@pytest.mark.django_db
def test_counts_are_imported():
    Store.objects.create(code="N")
    Store.objects.create(code="S")
    report = SimpleNamespace(rejected=[], imported=0)
    import_store_counts([{"store": "N", "qty": "1"}, {"store": "S", "qty": "2"}], report)
    assert report.imported == 2 and StockLine.objects.count() == 2
