import json
from datetime import date
from decimal import Decimal

from weather.models import DailyRainfall, RainReading
from weather.tasks import record_daily_rainfall

from .conftest import local


def test_on_day_sums_the_days_readings(add_rain):
    add_rain(local(2024, 1, 16, 12, 0), 2.5)
    add_rain(local(2024, 1, 16, 15, 30), 4.0)
    add_rain(local(2024, 1, 17, 13, 0), 9.0)

    assert RainReading.objects.on_day(date(2024, 1, 16)).total_mm() == Decimal("6.5")
    assert RainReading.objects.on_day(date(2024, 1, 16)).peak_mm() == Decimal("4.0")
    assert RainReading.objects.on_day(date(2024, 1, 18)).total_mm() == 0


def test_record_daily_rainfall_is_rerunnable(add_rain):
    add_rain(local(2024, 2, 3, 14, 10), 1.2)
    add_rain(local(2024, 2, 3, 14, 20), 0.8)

    assert record_daily_rainfall("2024-02-03") == "2.0"
    assert record_daily_rainfall("2024-02-03") == "2.0"
    row = DailyRainfall.objects.get()
    assert (row.day, row.total_mm, row.readings) == (date(2024, 2, 3), Decimal("2.0"), 2)


def test_gauge_upload(client, db, settings):
    settings.GARDEN = {**settings.GARDEN, "GAUGE_TOKEN": "t0ken"}
    body = json.dumps({"gauge": "shed", "at": "2024-01-16T07:30:00+11:00", "mm": "1.4"})
    r = client.post("/api/gauge/readings/", body, content_type="application/json", HTTP_X_GAUGE_TOKEN="t0ken")
    assert r.status_code == 201
    again = client.post("/api/gauge/readings/", body, content_type="application/json", HTTP_X_GAUGE_TOKEN="t0ken")
    assert again.json() == {"status": "duplicate"}
    naive = client.post("/api/gauge/readings/", json.dumps({"at": "2024-01-16T07:40:00", "mm": "1"}),
                        content_type="application/json", HTTP_X_GAUGE_TOKEN="t0ken")
    assert naive.status_code == 400
    assert RainReading.objects.get().recorded_at == local(2024, 1, 16, 7, 30)


def test_import_gauge_csv(db, tmp_path):
    from django.core.management import call_command

    dump = tmp_path / "gauge.csv"
    dump.write_text("Date/Time,Rain (mm)\n16/01/2024 07:30,1.0\n16/01/2024 07:40,0.5\n", encoding="utf-8")
    call_command("import_gauge", str(dump))
    call_command("import_gauge", str(dump))
    assert [r.recorded_at for r in RainReading.objects.all()] == [local(2024, 1, 16, 7, 30), local(2024, 1, 16, 7, 40)]
