from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from members.models import PriceSchedule
from pickups.jobs.settlement import farm_day_totals, price_day
from pickups.models import DailyMilkSupply


def test_farm_day_totals(spark, day_dir):
    raw = spark.read.option("header", True).csv(str(day_dir / "T03.csv")).selectExpr("*", "'T03' AS tanker")
    rows = {r["farm_code"]: r.asDict() for r in farm_day_totals(raw, 1.03).collect()}
    assert rows["F0101"]["pickups"] == 2
    assert rows["F0101"]["litres"] == 4400.0
    assert rows["F0101"]["fat_kg"] == pytest.approx(round((2410 * 4.21 + 1990 * 4.33) * 1.03 / 100, 2))
    assert rows["F0101"]["max_temp_c"] == 3.9
    assert rows["F0101"]["mean_scc"] == 189


def test_price_day_applies_scc_penalty():
    schedule = PriceSchedule(fat_per_kg=Decimal("5"), protein_per_kg=Decimal("7"), levy_per_litre=Decimal("0.001"))
    totals = {"fat_kg": 100.0, "protein_kg": 80.0, "litres": 3000.0, "mean_scc": 450}
    assert price_day(totals, schedule, 400, "0.05") == Decimal("1004.00")
    assert price_day(dict(totals, mean_scc=300), schedule, 400, "0.05") == Decimal("1057.00")


@pytest.mark.django_db
def test_settle_milk_day(spark, day_dir, farms):
    out = StringIO()
    call_command("settle_milk_day", "--date", "2026-03-03", "--in", str(day_dir), stdout=out)
    assert "2 tanker files, 3 farms settled" in out.getvalue()
    f0102 = DailyMilkSupply.objects.get(farm__code="F0102")
    assert f0102.pickups == 2
    assert f0102.litres == Decimal("3455.0")
    assert f0102.max_temp_c == Decimal("4.1")
    f0103 = DailyMilkSupply.objects.get(farm__code="F0103")
    assert f0103.max_temp_c == Decimal("6.8")
    assert f0103.mean_scc == 450

    out = StringIO()
    call_command("monthly_statements", "--month", "2026-03", "--member", "M0002", stdout=out)
    assert "3455.0 l" in out.getvalue()
