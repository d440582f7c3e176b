from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from orchards.models import Block, Farm
from spraylogs.models import Applicator, Product, SprayRecord
from spraylogs.regulator import MemoryRegulatorClient

PACIFIC = ZoneInfo("America/Vancouver")
WEEK = date(2024, 5, 6)          # a Monday
TODAY = date(2024, 5, 13)        # the Monday the export runs


def local(*args):
    return datetime(*args, tzinfo=PACIFIC)


@pytest.fixture(autouse=True)
def portal():
    MemoryRegulatorClient.uploads = []
    MemoryRegulatorClient.register_zip = b""
    yield MemoryRegulatorClient
    MemoryRegulatorClient.uploads = []


@pytest.fixture
def farm(db):
    return Farm.objects.create(code="KER01", name="Keremeos Bench Orchard", grower="L. Sandhu",
                               regulator_site_id="BC-PU-55012", contact_email="lsandhu@example.com")


@pytest.fixture
def block(farm):
    return Block.objects.create(farm=farm, name="North 3", crop=Block.Crop.APPLE, variety="Ambrosia",
                                area_ha=Decimal("2.40"), expected_harvest=date(2024, 9, 20))


@pytest.fixture
def product(db):
    return Product.objects.create(registration_no="28532", name="Delegate WG", active_ingredient="spinetoram",
                                  rei_hours=12, phi_days=7)


@pytest.fixture
def applicator(db):
    return Applicator.objects.create(name="Tomas Ruiz", licence_no="PA-104233", licence_expires=date(2026, 3, 31))


@pytest.fixture
def spray(block, product, applicator):
    def _spray(applied_at, **kwargs):
        kwargs.setdefault("rate_per_ha", Decimal("0.420"))
        kwargs.setdefault("area_ha", block.area_ha)
        kwargs.setdefault("target_pest", "codling moth")
        return SprayRecord.objects.create(block=kwargs.pop("block", block), product=kwargs.pop("product", product),
                                          applicator=applicator, applied_at=applied_at, **kwargs)
    return _spray
