from datetime import datetime, timezone as dt_timezone

import pytest

from brewhouse.fermentation import is_stable, mark_fermented
from brewhouse.models import Batch


@pytest.mark.django_db
def test_stable_batch(make_batch):
    batch = make_batch("DUB-0412", ["1.030", "1.015", "1.0115", "1.011", "1.011", "1.011", "1.011"])
    assert is_stable(batch)


@pytest.mark.django_db
def test_still_dropping(make_batch):
    batch = make_batch("DUB-0413", ["1.040", "1.030", "1.022", "1.018", "1.015", "1.013"])
    assert not is_stable(batch)


@pytest.mark.django_db
def test_mark_fermented_sets_final_gravity(make_batch):
    batch = make_batch("DUB-0414", ["1.020", "1.012", "1.011"])
    mark_fermented(batch, now=datetime(2024, 4, 2, 9, tzinfo=dt_timezone.utc))
    batch.refresh_from_db()
    assert batch.status == Batch.Status.CONDITIONING
    assert str(batch.final_gravity) == "1.011"
    assert batch.abv == 5.4
