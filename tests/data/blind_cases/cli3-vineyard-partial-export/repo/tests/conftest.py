from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from harvest.models import PriceSchedule, WeighTicket
from vineyard.models import Block, Grower, Variety

ADL = ZoneInfo("Australia/Adelaide")


@pytest.fixture(autouse=True)
def export_dirs(settings, tmp_path):
    settings.EXPORT_OUTBOX = tmp_path / "outbox"
    settings.EXPORT_SENT = tmp_path / "sent"
    settings.ACCOUNTING_SHARE = tmp_path / "share"
    settings.ACCOUNTING_SHARE.mkdir()
    return settings


@pytest.fixture
def blocks(db):
    shiraz = Variety.objects.create(name="Shiraz", colour="red")
    grenache = Variety.objects.create(name="Grenache", colour="red")
    riesling = Variety.objects.create(name="Riesling", colour="white")
    kelly = Grower.objects.create(code="KEL", name="Kelly Family Vineyards", abn="51 824 753 556")
    estate = Grower.objects.create(code="HOV", name="Hollow Oak Estate", estate=True)
    for variety, grade, price in [(shiraz, "A", "2450.00"), (shiraz, "B", "1800.00"), (grenache, "A", "2100.00"),
                                  (riesling, "A", "1650.00")]:
        PriceSchedule.objects.create(vintage=2024, variety=variety, grade=grade, price_per_tonne=Decimal(price))
    return {
        "KEL/S1": Block.objects.create(grower=kelly, code="S1", variety=shiraz, hectares=Decimal("4.20")),
        "KEL/G2": Block.objects.create(grower=kelly, code="G2", variety=grenache, hectares=Decimal("2.10")),
        "HOV/R1": Block.objects.create(grower=estate, code="R1", variety=riesling, hectares=Decimal("6.00")),
    }


@pytest.fixture
def ticket(blocks):
    def _make(number, block, hour, gross, tare=9000, grade="A", day=(2024, 3, 12), **kw):
        return WeighTicket.objects.create(number=number, block=blocks[block],
                                          weighed_at=datetime(*day, hour, 15, tzinfo=ADL),
                                          gross_kg=gross, tare_kg=tare, grade=grade, **kw)
    return _make
