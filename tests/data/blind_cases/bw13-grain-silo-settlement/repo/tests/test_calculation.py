from datetime import date, datetime, timezone as dt_timezone
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from settlements.calculation import build_settlement, delivery_figures
from settlements.models import Settlement

SEP_1, SEP_30 = date(2024, 9, 1), date(2024, 9, 30)


@pytest.mark.django_db
def test_wet_canola_shrink_and_drying(canola, make_delivery):
    delivery = make_delivery(canola, 38460, 14220, "12.0", dockage="1.5")
    f = delivery_figures(delivery)
    assert f.wet_tonnes == Decimal("24.240")
    assert f.shrink_tonnes == Decimal("0.582")
    assert f.dockage_tonnes == Decimal("0.364")
    assert f.clean_tonnes == Decimal("23.294")
    assert f.drying_charge == Decimal("145.44")


@pytest.mark.django_db
def test_dry_wheat_settlement_has_no_deductions(wheat, make_delivery, farmer):
    make_delivery(wheat, 41200, 14900, "13.8")
    make_delivery(wheat, 40750, 14880, "14.5", dockage="0.5")
    s = build_settlement(farmer, wheat, SEP_1, SEP_30)
    assert s.clean_tonnes == Decimal("52.041")
    assert s.gross_amount == Decimal("16236.79")
    assert not s.deductions.exists()
    assert s.net_payable == s.gross_amount


@pytest.mark.django_db
def test_canola_settlement_deductions(canola, make_delivery, farmer):
    make_delivery(canola, 38460, 14220, "12.0", dockage="1.5")
    make_delivery(canola, 40100, 14300, "9.5", dockage="1.0")
    s = build_settlement(farmer, canola, SEP_1, SEP_30)
    assert s.clean_tonnes == Decimal("48.836")
    assert s.gross_amount == Decimal("31743.40")
    assert sorted(s.deductions.values_list("code", "amount")) == [("DRY", Decimal("145.44")),
                                                                   ("LEVY", Decimal("61.05"))]
    assert s.net_payable == Decimal("31536.91")


@pytest.mark.django_db
def test_rebuild_replaces_draft_but_not_approved(wheat, make_delivery, farmer):
    make_delivery(wheat, 41200, 14900, "13.8")
    first = build_settlement(farmer, wheat, SEP_1, SEP_30)
    second = build_settlement(farmer, wheat, SEP_1, SEP_30)
    assert not Settlement.objects.filter(pk=first.pk).exists()
    second.status = Settlement.Status.APPROVED
    second.save()
    assert build_settlement(farmer, wheat, SEP_1, SEP_30) is None


@pytest.mark.django_db
def test_build_settlements_command(wheat, canola, make_delivery, farmer):
    make_delivery(wheat, 41200, 14900, "13.8")
    make_delivery(canola, 40100, 14300, "9.5")
    make_delivery(canola, 40100, 14300, "9.5", delivered_at=datetime(2024, 10, 2, 16, tzinfo=dt_timezone.utc))
    out = StringIO()
    call_command("build_settlements", "2024-09", stdout=out)
    assert "2 draft settlement(s) for 2024-09" in out.getvalue()
    assert Settlement.objects.filter(period_start=SEP_1, period_end=SEP_30).count() == 2
