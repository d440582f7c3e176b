"""Acceptance tests for the daily pick-quality job: picks that fail screening are counted per
station and reason, and a station whose picks are mostly unusable gets a pick-quality alert when
the job runs through ``manage.py pick_quality``. Spark runs with local[1]."""
from datetime import date

import pytest
from django.core.management import call_command

from qc.jobs.pick_quality import run
from qc.screening import ScreeningLimits
from stations.models import Network, Station, StationAlert, StationQC

DAY = date(2024, 5, 9)
HEADER = "pick_id,network,station,location,channel,phase,pick_time,snr,amplitude,residual_s,evaluation_mode,author"
PICKS = [
    # ALPA: healthy
    "pk-1001,XQ,ALPA,,HHZ,P,2024-05-09T01:10:00.000Z,14.0,12000,0.10,automatic,scautopick",
    "pk-1002,XQ,ALPA,,HHN,S,2024-05-09T01:10:06.500Z,7.5,18000,-0.40,automatic,scautopick",
    "pk-1003,XQ,ALPA,,HHZ,P,2024-05-09T08:22:41.120Z,2.1,900,,automatic,scautopick",
    "pk-1004,XQ,ALPA,,HHZ,P,2024-05-09T13:05:12.000Z,9.0,7000,0.30,manual,jdoe",
    "pk-1005,XQ,ALPA,,HHZ,P,2024-05-09T17:45:30.000Z,11.2,9100,0.25,automatic,scautopick",
    # BRGN: clipping sensor
    "pk-2001,XQ,BRGN,00,HHZ,P,2024-05-09T01:10:02.100Z,25.0,8388607,0.20,automatic,scautopick",
    "pk-2002,XQ,BRGN,00,HHE,S,2024-05-09T01:10:09.900Z,18.0,-8388608,0.90,automatic,scautopick",
    "pk-2003,XQ,BRGN,00,HHZ,P,2024-05-09T04:31:00.000Z,2.5,8388607,2.40,automatic,scautopick",
    "pk-2004,XQ,BRGN,00,HHZ,P,2024-05-09T09:12:44.300Z,6.3,51000,0.15,automatic,scautopick",
    "pk-2005,XQ,BRGN,00,HHN,S,2024-05-09T09:12:50.800Z,5.0,8390000,-3.60,automatic,scautopick",
    "pk-2006,XQ,BRGN,00,HHZ,P,2024-05-09T22:01:03.000Z,12.0,40200,0.05,automatic,scautopick",
    # CVLT: one bad residual
    "pk-3001,XQ,CVLT,,EHZ,P,2024-05-09T01:10:04.000Z,8.0,8000,1.90,automatic,scautopick",
    "pk-3002,XQ,CVLT,,EHZ,P,2024-05-09T12:00:00.000Z,9.0,8000,0.40,automatic,scautopick",
    # previous day, not counted
    "pk-0999,XQ,BRGN,00,HHZ,P,2024-05-08T23:59:59.000Z,1.0,8388607,5.00,automatic,scautopick",
]
LIMITS = ScreeningLimits(min_snr=3.0, max_residual_s={"P": 1.5, "S": 3.0}, clip_counts=8_000_000)


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[1]")
        .appName("pick-quality-acceptance")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    session.conf.set("spark.sql.session.timeZone", "UTC")
    return session


@pytest.fixture
def picks_dir(tmp_path):
    d = tmp_path / "picks" / DAY.isoformat()
    d.mkdir(parents=True)
    # two files, so the picks are spread over more than one partition
    (d / "part-0.csv").write_text("\n".join([HEADER] + PICKS[:7]) + "\n")
    (d / "part-1.csv").write_text("\n".join([HEADER] + PICKS[7:]) + "\n")
    return str(d)


class _KeepRunning:
    """The test's session, handed to the command; the command's stop() must not end it."""

    def __init__(self, session):
        self._session = session

    def __getattr__(self, name):
        return getattr(self._session, name)

    def stop(self):
        pass


def test_screened_out_picks_are_counted(spark, picks_dir):
    report = run(spark, picks_dir, DAY, limits=LIMITS)

    assert set(report) == {"XQ.ALPA", "XQ.BRGN", "XQ.CVLT"}
    assert report["XQ.ALPA"].picks == 5
    assert report["XQ.ALPA"].rejected_by_reason == {"low_snr": 1, "large_residual": 0, "clipped": 0}
    assert report["XQ.BRGN"].picks == 6
    assert report["XQ.BRGN"].rejected_by_reason == {"low_snr": 1, "large_residual": 2, "clipped": 4}
    assert report["XQ.BRGN"].rejected == 7
    assert report["XQ.CVLT"].rejected_by_reason == {"low_snr": 0, "large_residual": 1, "clipped": 0}


def test_repeated_runs_do_not_accumulate(spark, picks_dir):
    run(spark, picks_dir, DAY, limits=LIMITS)
    report = run(spark, picks_dir, DAY, limits=LIMITS)
    assert report["XQ.BRGN"].rejected == 7
    assert report["XQ.ALPA"].rejected == 1


@pytest.mark.django_db
def test_command_raises_alert_for_clipping_station(spark, picks_dir, monkeypatch, settings):
    import qc.management.commands.pick_quality as command

    net = Network.objects.create(code="XQ")
    for code, lat in (("ALPA", 46.51), ("BRGN", 46.60), ("CVLT", 46.47)):
        Station.objects.create(network=net, code=code, latitude=lat, longitude=9.9)
    monkeypatch.setattr(command, "get_spark", lambda *a, **kw: _KeepRunning(spark))

    call_command("pick_quality", "--date", DAY.isoformat(), "--source", picks_dir, "--no-usable-output")

    brgn = StationQC.objects.get(station__code="BRGN", day=DAY)
    assert brgn.picks == 6
    assert brgn.rejected == 7
    assert brgn.rejected_by_reason["clipped"] == 4
    assert StationQC.objects.get(station__code="ALPA", day=DAY).rejected == 1
    alerts = StationAlert.objects.filter(kind=StationAlert.KIND_PICK_QUALITY, day=DAY)
    assert [a.station.code for a in alerts] == ["BRGN"]
