from datetime import date

import pytest

from inventory.models import GerminationTest, SeedLot
from inventory.tasks import flag_lots_needing_germination_test


@pytest.mark.django_db
def test_lots_with_old_or_no_test_are_flagged(make_variety):
    variety = make_variety()
    recent = SeedLot.objects.create(variety=variety, lot_code="L-23-01", harvest_year=2023)
    old = SeedLot.objects.create(variety=variety, lot_code="L-21-04", harvest_year=2021)
    untested = SeedLot.objects.create(variety=variety, lot_code="L-24-02", harvest_year=2024)
    GerminationTest.objects.create(lot=recent, tested_on=date(2024, 2, 1), seeds_germinated=91)
    GerminationTest.objects.create(lot=old, tested_on=date(2022, 3, 1), seeds_germinated=78)

    assert flag_lots_needing_germination_test.call_local(today=date(2024, 6, 1)) == (2, 0)

    flagged = set(SeedLot.objects.filter(needs_germination_test=True).values_list("lot_code", flat=True))
    assert flagged == {old.lot_code, untested.lot_code}
