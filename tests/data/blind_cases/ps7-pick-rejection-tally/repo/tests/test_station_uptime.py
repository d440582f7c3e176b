from qc.jobs.station_uptime import run


def test_uptime_and_gaps(spark, segments_path):
    channels, bad_lines = run(spark, segments_path, max_gap_s=1.0)
    by_id = {(c.station_id, c.channel): c for c in channels}
    assert by_id[("XQ.ALPA", "HHZ")].gaps == 0
    assert by_id[("XQ.ALPA", "HHZ")].available_s == 86399.5
    assert by_id[("XQ.BRGN", "HHZ")].gaps == 1
    assert by_id[("XQ.BRGN", "HHZ")].available_s == 22 * 3600
    assert by_id[("XQ.CVLT", "EHZ")].available_s == 2400
    assert bad_lines == 2
