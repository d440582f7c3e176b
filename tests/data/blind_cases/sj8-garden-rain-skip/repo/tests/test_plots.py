from datetime import date
from decimal import Decimal

from django.core.management import call_command

from plots.models import Gardener, HarvestLog

from .conftest import local


def test_harvest_logged_on_uses_garden_day(gardeners, communal_beds):
    bed = communal_beds[0]
    HarvestLog.objects.create(bed=bed, gardener=gardeners[0], crop="zucchini", weight_kg=Decimal("2.40"),
                              logged_at=local(2024, 1, 16, 7, 15))
    HarvestLog.objects.create(bed=bed, gardener=gardeners[1], crop="tomato", weight_kg=Decimal("1.10"),
                              logged_at=local(2024, 1, 16, 19, 45))
    HarvestLog.objects.create(bed=bed, gardener=gardeners[1], crop="beans", weight_kg=Decimal("0.50"),
                              logged_at=local(2024, 1, 17, 8, 0))

    assert HarvestLog.objects.logged_on(date(2024, 1, 16)).total_kg() == Decimal("3.50")


def test_import_gardeners(db, tmp_path):
    sheet = tmp_path / "members.csv"
    sheet.write_text("name,email,phone,joined_on\nAroha Ngata,Aroha@Example.org,,2021-03-01\n", encoding="utf-8")
    Gardener.objects.create(name="Old Member", email="old@example.org", joined_on=date(2019, 1, 1))
    call_command("import_gardeners", str(sheet), "--deactivate-missing")
    assert Gardener.objects.get(email="aroha@example.org").active
    assert not Gardener.objects.get(email="old@example.org").active
