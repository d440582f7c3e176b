"""Acceptance test for the daily milk settlement: tanker uploads in the previous tablet layout and in the
MilkLog 3 layout (same columns, different order) are settled the same way. Spark runs with local[1]."""
import os
import sys
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from members.models import Farm, Member, PriceSchedule
from pickups.models import DailyMilkSupply

PREVIOUS = ["farm_code", "collected_at", "litres", "fat_pct", "protein_pct", "temp_c", "scc"]
MILKLOG3 = ["farm_code", "collected_at", "litres", "temp_c", "fat_pct", "protein_pct", "scc"]

UPLOADS = {  # tanker: (layout, pickups)
    "T02": (MILKLOG3, [
        {"farm_code": "F0201", "collected_at": "2026-03-10 06:10:00", "litres": "2500", "fat_pct": "4.20",
         "protein_pct": "3.50", "temp_c": "3.7", "scc": "190"},
        {"farm_code": "F0202", "collected_at": "2026-03-10 06:45:00", "litres": "1800", "fat_pct": "4.60",
         "protein_pct": "3.65", "temp_c": "7.4", "scc": "310"},
    ]),
    "T03": (PREVIOUS, [
        {"farm_code": "F0203", "collected_at": "2026-03-10 07:20:00", "litres": "3100", "fat_pct": "3.90",
         "protein_pct": "3.30", "temp_c": "4.0", "scc": "420"},
        {"farm_code": "F0201", "collected_at": "2026-03-10 17:50:00", "litres": "2100", "fat_pct": "4.30",
         "protein_pct": "3.55", "temp_c": "3.9", "scc": "210"},
    ]),
    "T07": (MILKLOG3, [
        {"farm_code": "F0203", "collected_at": "2026-03-10 18:30:00", "litres": "2900", "fat_pct": "4.00",
         "protein_pct": "3.35", "temp_c": "4.4", "scc": "480"},
    ]),
}
DENSITY = 1.03
FAT, PROTEIN, LEVY = Decimal("5.2500"), Decimal("7.1000"), Decimal("0.00150")


@pytest.fixture(scope="module")
def spark():
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[1]")
        .appName("milk-settlement-acceptance")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    session.conf.set("spark.sql.shuffle.partitions", "1")
    return session


def expected_rows():
    per_farm = {}
    for _, pickups in UPLOADS.values():
        for p in pickups:
            per_farm.setdefault(p["farm_code"], []).append(p)
    expected = {}
    for farm, pickups in per_farm.items():
        litres = sum(float(p["litres"]) for p in pickups)
        fat_kg = sum(float(p["litres"]) * DENSITY * float(p["fat_pct"]) / 100 for p in pickups)
        protein_kg = sum(float(p["litres"]) * DENSITY * float(p["protein_pct"]) / 100 for p in pickups)
        mean_scc = round(sum(float(p["scc"]) * float(p["litres"]) for p in pickups) / litres)
        gross = Decimal(str(round(fat_kg, 2))) * FAT + Decimal(str(round(protein_kg, 2))) * PROTEIN
        if mean_scc > 400:
            gross -= gross * Decimal("0.05")
        amount = gross - Decimal(str(litres)) * LEVY
        expected[farm] = {
            "pickups": len(pickups), "litres": litres, "fat_kg": fat_kg, "protein_kg": protein_kg,
            "max_temp_c": max(float(p["temp_c"]) for p in pickups), "mean_scc": mean_scc, "amount": float(amount),
        }
    return expected


@pytest.fixture
def coop(db):
    PriceSchedule.objects.create(valid_from="2026-03-01", fat_per_kg=FAT, protein_per_kg=PROTEIN, levy_per_litre=LEVY)
    for n, code in enumerate(("F0201", "F0202", "F0203"), start=1):
        member = Member.objects.create(number=f"M02{n:02d}", name=f"Member {n}")
        Farm.objects.create(member=member, code=code, name=f"Farm {code}", route="R4")


@pytest.mark.django_db
def test_mixed_tablet_layouts_are_settled_correctly(spark, coop, tmp_path):
    day_dir = tmp_path / "2026-03-10"
    day_dir.mkdir()
    for tanker, (layout, pickups) in UPLOADS.items():
        lines = [",".join(layout)] + [",".join(p[c] for c in layout) for p in pickups]
        (day_dir / f"{tanker}.csv").write_text("\n".join(lines) + "\n")

    call_command("settle_milk_day", "--date", "2026-03-10", "--in", str(day_dir), stdout=StringIO())

    rows = {s.farm.code: s for s in DailyMilkSupply.objects.select_related("farm")}
    expected = expected_rows()
    assert set(rows) == set(expected)
    for farm, e in expected.items():
        s = rows[farm]
        assert s.pickups == e["pickups"], farm
        assert float(s.litres) == pytest.approx(e["litres"]), farm
        assert float(s.fat_kg) == pytest.approx(e["fat_kg"], abs=0.011), farm
        assert float(s.protein_kg) == pytest.approx(e["protein_kg"], abs=0.011), farm
        assert float(s.max_temp_c) == pytest.approx(e["max_temp_c"]), farm
        assert s.mean_scc == e["mean_scc"], farm
        assert float(s.amount) == pytest.approx(e["amount"], abs=0.2), farm
