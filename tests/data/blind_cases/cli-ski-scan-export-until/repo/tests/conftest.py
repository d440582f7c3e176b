from datetime import date, datetime, timezone as dt_timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from lifts.models import Lift, LiftScan, PassProduct, SkiPass

ZURICH = ZoneInfo("Europe/Zurich")


def local(*args):
    return datetime(*args, tzinfo=ZURICH)


@pytest.fixture
def lifts(db):
    return {
        "GB": Lift.objects.create(code="GB", name="Gondelbahn Talstation", kind="gondola", sector="Tal",
                                  operator="Bergbahnen Alpstein AG"),
        "SL4": Lift.objects.create(code="SL4", name="Sesselbahn Hoher Kasten", kind="chair", sector="Nord",
                                   operator="Kasten Lifte GmbH"),
    }


@pytest.fixture
def season_pass(db):
    product = PassProduct.objects.create(code="SEASON", name="Season pass 23/24", price_chf=Decimal("890"))
    return SkiPass.objects.create(number="01-1043-2231", product=product, holder_name="M. Keller",
                                  valid_from=date(2023, 12, 9), valid_to=date(2024, 4, 14),
                                  sold_at=datetime(2023, 11, 2, 10, tzinfo=dt_timezone.utc))


@pytest.fixture
def scan(season_pass):
    def _scan(lift, when, ski_pass=None, gate="G1", accepted=True):
        return LiftScan.objects.create(ski_pass=ski_pass or season_pass, lift=lift, gate=gate, scanned_at=when,
                                       accepted=accepted)
    return _scan
