"""The Spark steps of the curtailment job (pricing is covered in test_pricing)."""
import pytest

from fleet.powercurves import load_power_curves
from windops.spark import CurtailmentJob
from windops.spark.scada import read_scada, turbine_frame
from windops.spark.curtailment import ORDER_SCHEMA

from .conftest import DAY, intervals, utc


@pytest.mark.django_db
def test_lost_energy_only_inside_orders(spark, make_farm, write_scada):
    farm = make_farm("HWF", turbines=1)
    rows = [(ts, "HWF-WTG01", 9.0, 800.0, 2) for ts in intervals(utc(9), utc(11))]
    orders = spark.createDataFrame([(farm.pk, "redispatch", utc(9, 30), utc(10, 30))], ORDER_SCHEMA)
    readings = read_scada(spark, write_scada(rows))

    curtailed = CurtailmentJob.curtailed_intervals(readings, turbine_frame(spark), orders)
    losses = CurtailmentJob.lost_energy(curtailed, spark.sparkContext.broadcast(load_power_curves()))
    [row] = CurtailmentJob.per_turbine(losses).collect()

    # 6 intervals of 10 minutes, 1800 kW expected at 9 m/s, 800 kW produced
    assert row.curtailed_minutes == 60
    assert row.reason == "redispatch"
    assert row.lost_kwh == pytest.approx(6 * 1000.0 / 6)


@pytest.mark.django_db
def test_day_without_orders_does_nothing(spark, make_farm, write_scada):
    make_farm("HWF", turbines=1)
    path = write_scada([(utc(9), "HWF-WTG01", 9.0, 1800.0, 0)])
    assert CurtailmentJob(spark, DAY, scada_path=path).run() == {}
