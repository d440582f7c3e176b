import io
from datetime import date

import pytest

from meters.collections import CollectionImporter, pounds_to_pence
from meters.models import Collection
from meters.revenue import silent_meters, zone_revenue

from .conftest import CSV_HEADER


def test_pounds_to_pence():
    assert pounds_to_pence("12.40") == 1240
    assert pounds_to_pence("£3") == 300
    assert pounds_to_pence("") == 0
    with pytest.raises(ValueError):
        pounds_to_pence("twelve")


@pytest.mark.django_db
def test_import_file(meters):
    fh = io.StringIO(CSV_HEADER + "HG-0101,2024-04-08,C17,12.40,30.00\n"
                     "hg-0102,2024-04-08,C18,7.20,\n"
                     "HG-0102,2024-04-08,C19,1.00,2.00\n"
                     "HG-9999,2024-04-08,C20,1.00,\n"
                     "\n")
    result = CollectionImporter().import_file(fh)
    assert (result.created, result.duplicates) == (2, 0)
    assert result.errors == ["line 4: card takings for coin-only meter HG-0102",
                             "line 5: unknown meter 'HG-9999'"]
    assert result.coins_pence == 1960 and result.card_pence == 3000
    assert Collection.objects.count() == 2


@pytest.mark.django_db
def test_reimport_counts_duplicates(meters):
    text = CSV_HEADER + "HG-0101,2024-04-08,C17,12.40,30.00\n"
    CollectionImporter().import_file(io.StringIO(text))
    result = CollectionImporter().import_file(io.StringIO(text))
    assert (result.created, result.duplicates) == (0, 1)


@pytest.mark.django_db
def test_dry_run_writes_nothing(meters):
    result = CollectionImporter(dry_run=True).import_file(io.StringIO(CSV_HEADER + "HG-0101,2024-04-08,C17,1,1\n"))
    assert result.created == 1
    assert Collection.objects.count() == 0


@pytest.mark.django_db
def test_revenue_and_silent_meters(meters):
    CollectionImporter().import_file(io.StringIO(CSV_HEADER + "HG-0101,2024-04-08,C17,12.40,30.00\n"
                                                 "HG-0301,2024-03-20,C02,5.00,\n"))
    assert zone_revenue(date(2024, 4, 1), date(2024, 4, 8)) == {"Z1": (1240, 3000), "Z3": (0, 0)}
    assert [m.number for m in silent_meters(today=date(2024, 4, 9))] == ["HG-0102", "HG-0301"]
