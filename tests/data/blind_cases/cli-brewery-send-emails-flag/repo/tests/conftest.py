from datetime import datetime, timedelta, timezone as dt_timezone
from decimal import Decimal

import pytest

from brewhouse.models import Batch, GravityReading, Recipe, Site, Tank


@pytest.fixture
def dublin(db):
    return Site.objects.create(code="DUB", name="Dublin 8")


@pytest.fixture
def make_batch(dublin):
    recipe = Recipe.objects.create(name="Liberties Pale", style="APA", target_og=Decimal("1.052"),
                                   target_fg=Decimal("1.011"))
    tank = Tank.objects.create(site=dublin, label="FV3", capacity_hl=Decimal("30.0"))

    def _make(code, gravities, hours_between=12, end=None, site=None):
        end = end or datetime.now(dt_timezone.utc)
        start = end - timedelta(hours=hours_between * (len(gravities) - 1))
        batch = Batch.objects.create(code=code, recipe=recipe, site=site or dublin, tank=tank,
                                     status=Batch.Status.FERMENTING, brewed_at=start - timedelta(days=1),
                                     original_gravity=Decimal("1.052"))
        for i, g in enumerate(gravities):
            GravityReading.objects.create(batch=batch, taken_at=start + timedelta(hours=hours_between * i),
                                          gravity=Decimal(g))
        return batch
    return _make
