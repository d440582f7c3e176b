"""Acceptance tests: importing a field sheet is all-or-nothing. A bad row anywhere in the file
fails the import with an error naming the line and leaves no accessions or seed lots behind, so
re-running the corrected sheet imports every collection exactly once."""
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accessions.models import Accession, SeedLot, Species

GOOD = [
    "RM-2024-031,R. MacLeod,Silene acaulis,Caryophyllaceae,2024-07-14,Coire an t-Sneachda,NH 99 03,1050,1200",
    "RM-2024-032,R. MacLeod,Saxifraga oppositifolia,Saxifragaceae,2024-07-14,Coire an t-Sneachda,NH 99 03,1060,300",
    "AF-2024-007,A. Fraser,Dryas octopetala,Rosaceae,2024-06-02,Lochnagar,,980,650",
    "AF-2024-008,A. Fraser,Salix herbacea,Salicaceae,2024-06-03,Lochnagar,,1100,2000",
    "AF-2024-009,A. Fraser,Silene acaulis,Caryophyllaceae,2024-06-03,Lochnagar,,1120,400",
]


def run(path):
    call_command("import_accessions", str(path), stdout=StringIO(), stderr=StringIO())


@pytest.mark.django_db
@pytest.mark.parametrize("bad_row", [
    "AF-2024-008,A. Fraser,Salix herbacea,Salicaceae,2024-06-31,Lochnagar,,1100,2000",   # no 31 June
    "AF-2024-008,A. Fraser,Salix herbacea,Salicaceae,2024-06-03,Lochnagar,,1100,c. 2000",  # not a number
    "AF-2024-008,J. Bloggs,Salix herbacea,Salicaceae,2024-06-03,Lochnagar,,1100,2000",   # unknown collector
])
def test_bad_row_mid_file_imports_nothing(collectors, sheet, bad_row):
    rows = GOOD[:3] + [bad_row] + GOOD[4:]
    with pytest.raises(CommandError, match="5"):
        run(sheet(rows))
    assert Accession.objects.count() == 0
    assert SeedLot.objects.count() == 0


@pytest.mark.django_db
def test_rerun_after_fixing_the_sheet_has_no_duplicates(collectors, sheet):
    bad = GOOD[:3] + ["AF-2024-008,A. Fraser,Salix herbacea,Salicaceae,2024-06-31,Lochnagar,,1100,2000"] + GOOD[4:]
    with pytest.raises(CommandError):
        run(sheet(bad, name="bad.csv"))
    run(sheet(GOOD, name="fixed.csv"))

    field_numbers = sorted(Accession.objects.values_list("field_number", flat=True))
    assert field_numbers == sorted(r.split(",")[0] for r in GOOD)
    assert SeedLot.objects.filter(collection="base").count() == 5
    assert Species.objects.filter(genus="Silene", epithet="acaulis").count() == 1
    numbers = list(Accession.objects.values_list("number", flat=True))
    assert len(set(numbers)) == 5


@pytest.mark.django_db
def test_failed_import_leaves_earlier_accessions_alone(collectors, sheet):
    run(sheet(GOOD[:2], name="first.csv"))
    bad = GOOD[2:3] + ["AF-2024-008,A. Fraser,Salix herbacea,Salicaceae,2024-06-03,Lochnagar,,1100,lots"]
    with pytest.raises(CommandError):
        run(sheet(bad, name="second.csv"))
    assert sorted(Accession.objects.values_list("field_number", flat=True)) == ["RM-2024-031", "RM-2024-032"]
    assert SeedLot.objects.count() == 3
