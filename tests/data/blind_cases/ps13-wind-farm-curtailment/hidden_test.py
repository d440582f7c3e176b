"""Acceptance tests: the nightly curtailment job computes each turbine's lost energy and the compensation
owed for it on days with curtailment orders, using the tariff in force on that day."""
import csv
from datetime import date, datetime, timedelta, timezone as dt_timezone
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from fleet.models import PowerCurvePoint, Turbine, TurbineModel, WindFarm
from windops.models import CompensationTariff, CurtailmentLoss, CurtailmentOrder
from windops.spark import CurtailmentJob

DAY = date(2024, 3, 12)
CURVE = [(3.0, 0.0), (6.0, 600.0), (9.0, 1800.0), (12.0, 3000.0), (25.0, 3000.0)]


def at(hour, minute=0):
    return datetime(2024, 3, 12, hour, minute, tzinfo=dt_timezone.utc)


def expected_kw(ws):
    for (ws0, kw0), (ws1, kw1) in zip(CURVE, CURVE[1:]):
        if ws0 <= ws <= ws1:
            return kw0 + (kw1 - kw0) * (ws - ws0) / (ws1 - ws0)
    return 0.0


@pytest.fixture
def fleet(db):
    model = TurbineModel.objects.create(code="HT-3.0", manufacturer="Hutt", rated_kw=3000)
    for ws, kw in CURVE:
        PowerCurvePoint.objects.create(turbine_model=model, wind_speed_ms=ws, power_kw=kw)
    hwf = WindFarm.objects.create(code="HWF", name="Hallenberg", grid_operator="TenneT", capacity_kw=6000,
                                  connection_point="UW Hallenberg 110kV")
    kld = WindFarm.objects.create(code="KLD", name="Kleindorf", grid_operator="TenneT", capacity_kw=3000,
                                  connection_point="UW Kleindorf 110kV")
    turbines = {
        "HWF-01": Turbine.objects.create(farm=hwf, model=model, code="WTG01", scada_tag="HWF-01"),
        "HWF-02": Turbine.objects.create(farm=hwf, model=model, code="WTG02", scada_tag="HWF-02"),
        "KLD-01": Turbine.objects.create(farm=kld, model=model, code="WTG01", scada_tag="KLD-01"),
    }
    # contract amendment on 1 March: the old rate must not be used any more
    CompensationTariff.objects.create(farm=hwf, reason="redispatch", rate_eur_per_mwh=Decimal("61.20"),
                                      valid_from=date(2023, 1, 1), valid_to=date(2024, 2, 29))
    CompensationTariff.objects.create(farm=hwf, reason="redispatch", rate_eur_per_mwh=Decimal("68.50"),
                                      valid_from=date(2024, 3, 1))
    CompensationTariff.objects.create(farm=hwf, reason="security", rate_eur_per_mwh=Decimal("55.00"),
                                      valid_from=date(2023, 1, 1))
    CompensationTariff.objects.create(farm=kld, reason="redispatch", rate_eur_per_mwh=Decimal("72.00"),
                                      valid_from=date(2023, 6, 1))
    # no tariff for negative-price curtailment: it is not compensated
    CurtailmentOrder.objects.create(farm=hwf, order_ref="TN-A", reason="redispatch",
                                    starts_at=at(9), ends_at=at(10), setpoint_kw=1800)
    CurtailmentOrder.objects.create(farm=hwf, order_ref="TN-B", reason="neg_price",
                                    starts_at=at(13), ends_at=at(13, 30), setpoint_kw=1800)
    CurtailmentOrder.objects.create(farm=kld, order_ref="TN-C", reason="redispatch",
                                    starts_at=at(9, 30), ends_at=at(10, 30), setpoint_kw=None)
    return turbines


def curtailed(tag, ts):
    if tag.startswith("HWF"):
        return at(9) <= ts < at(10) or at(13) <= ts < at(13, 30)
    return at(9, 30) <= ts < at(10, 30)


@pytest.fixture
def scada_export(tmp_path):
    wind = {"HWF-01": 9.0, "HWF-02": 12.0, "KLD-01": 7.5}
    produced_when_curtailed = {"HWF-01": 800.0, "HWF-02": 1000.0, "KLD-01": 0.0}
    path = tmp_path / "scada_20240312.csv"
    with open(path, "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["ts", "scada_tag", "wind_speed_ms", "active_power_kw", "status_code"])
        ts = at(8)
        while ts < at(15):
            for tag, ws in wind.items():
                kw = produced_when_curtailed[tag] if curtailed(tag, ts) else expected_kw(ws)
                writer.writerow([ts.strftime("%Y-%m-%d %H:%M:%S"), tag, ws, kw, 2 if curtailed(tag, ts) else 0])
            ts += timedelta(minutes=10)
    return path


EXPECTED = {
    # (scada tag, reason): (curtailed minutes, lost kWh, compensation EUR)
    ("HWF-01", "redispatch"): (60, 1000.0, Decimal("68.50")),   # 6 x (1800-800) kW x 1/6 h, 1 MWh x 68.50
    ("HWF-02", "redispatch"): (60, 2000.0, Decimal("137.00")),  # 6 x (3000-1000) kW x 1/6 h
    ("HWF-01", "neg_price"): (30, 500.0, Decimal("0.00")),
    ("HWF-02", "neg_price"): (30, 1000.0, Decimal("0.00")),
    ("KLD-01", "redispatch"): (60, 1200.0, Decimal("86.40")),   # 6 x 1200 kW x 1/6 h, 1.2 MWh x 72.00
}


def stored_losses():
    return {
        (loss.turbine.scada_tag, loss.reason): loss
        for loss in CurtailmentLoss.objects.filter(day=DAY).select_related("turbine")
    }


def assert_losses_match():
    losses = stored_losses()
    assert set(losses) == set(EXPECTED)
    for key, (minutes, kwh, eur) in EXPECTED.items():
        loss = losses[key]
        assert loss.curtailed_minutes == minutes, key
        assert loss.lost_kwh == pytest.approx(kwh, abs=0.01), key
        assert Decimal(loss.compensation_eur) == pytest.approx(eur, abs=Decimal("0.011")), key


@pytest.mark.django_db
def test_job_computes_losses_and_compensation(spark, fleet, scada_export):
    CurtailmentJob(spark, DAY, scada_path=scada_export).run()
    assert_losses_match()


@pytest.mark.django_db
def test_run_spark_job_command_for_a_day_with_orders(spark, fleet, scada_export):
    call_command("run_spark_job", "curtailment", "--day", DAY.isoformat(), "--scada", str(scada_export),
                 stdout=StringIO())
    assert_losses_match()

    # a re-run for the same day replaces the figures instead of adding to them
    call_command("run_spark_job", "curtailment", "--day", DAY.isoformat(), "--scada", str(scada_export),
                 stdout=StringIO())
    assert CurtailmentLoss.objects.filter(day=DAY).count() == len(EXPECTED)
    assert_losses_match()
