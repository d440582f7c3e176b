from datetime import date

from royalties.jobs.station_airtime import airtime, daypart

from .conftest import write_playout


def test_daypart():
    assert [daypart(h) for h in (0, 5, 6, 10, 15, 16, 19, 23)] == [
        "overnight", "overnight", "breakfast", "daytime", "daytime", "drive", "evening", "evening"]


def test_airtime(spark, tmp_path):
    path = write_playout(tmp_path / "playout.jsonl", [
        ("AWFM", "GBAYE0700001", "2024-05-03T07:15:00Z", 214, "music"),
        ("AWFM", "GBBTP1900042", "2024-05-03T07:19:00Z", 12, "music"),
        ("AWFM", None, "2024-05-03T07:20:00Z", 30, "advert"),
        ("AWFM", None, "2024-05-03T17:00:00Z", 120, "speech"),
        ("AWFM", "GBAYE0700001", "2024-05-04T07:15:00Z", 214, "music"),
    ])
    rows = {(r.station, r.daypart): (r.music_s, r.speech_s, r.advert_s, r.tracks)
            for r in airtime(spark, path, date(2024, 5, 3)).collect()}
    assert rows == {("AWFM", "breakfast"): (226, 0, 30, 2), ("AWFM", "drive"): (0, 120, 0, 0)}
