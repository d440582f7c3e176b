from datetime import date

from scada.jobs.fault_summary import top_alarms


def test_top_alarms_clips_to_month(spark, lake):
    rows = top_alarms(spark, str(lake / "scada" / "alarms" / "TEST1" / "*.csv"), date(2026, 10, 1))
    assert [(r["alarm_code"], r["rank"]) for r in rows] == [("GB-TEMP", 1), ("GRID-UV", 2), ("PITCH-3", 3)]
    assert rows[0]["downtime_hours"] == 4.5
    assert rows[0]["turbines"] == 2
    assert rows[1]["downtime_hours"] == 1.0  # only the October hour counts


def test_top_alarms_respects_top_n(spark, lake, settings):
    settings.SCADA_REPORTS = {**settings.SCADA_REPORTS, "TOP_ALARMS": 1}
    rows = top_alarms(spark, str(lake / "scada" / "alarms" / "TEST1" / "*.csv"), date(2026, 10, 1))
    assert [r["alarm_code"] for r in rows] == ["GB-TEMP"]
