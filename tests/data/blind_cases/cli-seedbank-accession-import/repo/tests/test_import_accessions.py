from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accessions.models import Accession, SeedLot, Species


@pytest.mark.django_db
def test_import_creates_accessions_and_lots(collectors, sheet):
    path = sheet([
        "RM-2024-031,R. MacLeod,Silene acaulis,Caryophyllaceae,2024-07-14,Coire an t-Sneachda,NH 99 03,1050,1200",
        "AF-2024-007,A. Fraser,Saxifraga oppositifolia,Saxifragaceae,2024-06-02,Lochnagar,,980,300",
    ])
    out = StringIO()
    call_command("import_accessions", str(path), stdout=out)
    assert Accession.objects.count() == 2
    silene = Accession.objects.get(field_number="RM-2024-031")
    assert sorted(silene.lots.values_list("collection", "seed_count")) == [("active", 700), ("base", 500)]
    assert Accession.objects.get(field_number="AF-2024-007").lots.count() == 1
    assert "2 accession(s) imported" in out.getvalue()


@pytest.mark.django_db
def test_numbers_are_sequential(collectors, sheet):
    path = sheet([
        "RM-2024-040,R. MacLeod,Dryas octopetala,Rosaceae,2024-07-20,Ben Lawers,,900,800",
        "RM-2024-041,R. MacLeod,Dryas octopetala,Rosaceae,2024-07-20,Ben Lawers,,910,650",
    ])
    call_command("import_accessions", str(path), stdout=StringIO())
    numbers = list(Accession.objects.values_list("number", flat=True))
    assert numbers[0].endswith("-0001") and numbers[1].endswith("-0002")
    assert Species.objects.count() == 1


@pytest.mark.django_db
def test_missing_column(collectors, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("field_number,collector\nRM-1,R. MacLeod\n")
    with pytest.raises(CommandError, match="missing column"):
        call_command("import_accessions", str(path), stdout=StringIO())
    assert SeedLot.objects.count() == 0


@pytest.mark.django_db
def test_unknown_collector_on_first_row(collectors, sheet):
    path = sheet(["XX-1,J. Bloggs,Silene acaulis,Caryophyllaceae,2024-07-14,Cairn Gorm,,1100,100"])
    with pytest.raises(CommandError, match="unknown collector"):
        call_command("import_accessions", str(path), stdout=StringIO())
    assert Accession.objects.count() == 0
