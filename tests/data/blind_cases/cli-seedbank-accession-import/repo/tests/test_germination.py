from datetime import date
from io import StringIO

import pytest

from accessions.models import Accession, SeedLot, Species
from germination.importers import ResultRowError, import_results
from germination.models import GerminationTest
from germination.scheduling import lots_due_for_retest


@pytest.fixture
def lot(collectors):
    species = Species.objects.create(genus="Silene", epithet="acaulis")
    acc = Accession.objects.create(number="CSB-2019-0004", species=species, collector=collectors[0],
                                   field_number="RM-19-4", collected_on=date(2019, 7, 1), site="Cairn Gorm",
                                   estimated_seeds=900)
    return SeedLot.objects.create(accession=acc, collection="base", seed_count=500)


@pytest.mark.django_db
def test_results_all_or_nothing(lot):
    csv_text = ("lab_reference,accession,collection,sown_on,sown,germinated\n"
                "GT-1,CSB-2019-0004,base,2024-01-10,50,41\n"
                "GT-2,CSB-2019-0004,base,2024-01-10,50,x\n")
    with pytest.raises(ResultRowError):
        import_results(StringIO(csv_text))
    assert GerminationTest.objects.count() == 0


@pytest.mark.django_db
def test_retest_due(lot):
    assert lots_due_for_retest(today=date(2024, 5, 1)) == [lot]
    GerminationTest.objects.create(lot=lot, lab_reference="GT-9", sown_on=date(2022, 3, 1), seeds_sown=50,
                                   seeds_germinated=45)
    assert lots_due_for_retest(today=date(2024, 5, 1)) == []
