from datetime import date
from decimal import Decimal

import pytest

from windops.models import CompensationTariff, CurtailmentReason
from windops.pricing import TariffBook


@pytest.fixture
def farm(make_farm):
    return make_farm("HWF")


def test_tariff_in_force_on_the_day(farm):
    CompensationTariff.objects.create(farm=farm, reason=CurtailmentReason.REDISPATCH,
                                      rate_eur_per_mwh=Decimal("61.20"), valid_from=date(2023, 1, 1),
                                      valid_to=date(2024, 2, 29))
    CompensationTariff.objects.create(farm=farm, reason=CurtailmentReason.REDISPATCH,
                                      rate_eur_per_mwh=Decimal("68.50"), valid_from=date(2024, 3, 1))
    assert TariffBook.load(date(2024, 2, 15)).rate_for(farm.pk, "redispatch") == Decimal("61.20")
    assert TariffBook.load(date(2024, 3, 12)).rate_for(farm.pk, "redispatch") == Decimal("68.50")


def test_negative_price_curtailment_is_not_compensated(farm):
    CompensationTariff.objects.create(farm=farm, reason=CurtailmentReason.REDISPATCH,
                                      rate_eur_per_mwh=Decimal("68.50"), valid_from=date(2024, 1, 1))
    book = TariffBook.load(date(2024, 3, 12))
    assert book.compensation(farm.pk, CurtailmentReason.NEGATIVE_PRICE, 1500.0) == Decimal("0.00")
    assert book.compensation(farm.pk, CurtailmentReason.REDISPATCH, 1500.0) == Decimal("102.75")
