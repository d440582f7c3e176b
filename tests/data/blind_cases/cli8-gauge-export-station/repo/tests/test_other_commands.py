from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gauges.models import DailySummary, Reading

from .conftest import add_series


@pytest.mark.django_db
def test_summarize_daily_for_one_station(readings):
    out = StringIO()
    call_command("summarize_daily", "--day", "2024-01-15", "--station", "ath01", stdout=out)
    s = DailySummary.objects.get()
    assert (s.station.code, s.readings, s.min_mm, s.max_mm, s.mean_mm) == ("ATH01", 4, 1200, 1230, 1215.0)
    assert "ATH01 2024-01-15" in out.getvalue()


@pytest.mark.django_db
def test_summarize_daily_unknown_station(readings):
    with pytest.raises(CommandError, match="NOPE"):
        call_command("summarize_daily", "--day", "2024-01-15", "--station", "NOPE")


@pytest.mark.django_db
def test_flag_spikes_dry_run_then_real(stations):
    series = add_series(stations["ATH01"], [1000, 1005, 1900, 1010, 1015])
    out = StringIO()
    call_command("flag_spikes", "--station", "ATH01", "--dry-run", stdout=out)
    assert "would flag 1 spike(s)" in out.getvalue()
    assert not Reading.objects.filter(quality=Reading.Quality.SUSPECT).exists()

    call_command("flag_spikes", "--threshold", "300", stdout=StringIO())
    series[2].refresh_from_db()
    assert series[2].quality == Reading.Quality.SUSPECT


@pytest.mark.django_db
def test_import_readings(stations, tmp_path):
    drop = tmp_path / "drop.csv"
    drop.write_text("# ATH01 drop\nATH01,2024-01-15T12:00Z,1200\nATH01,2024-01-15T12:15Z,-\nXXX,2024-01-15T12:00Z,1\n",
                    encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_readings", str(drop))
    assert Reading.objects.count() == 0
    out = StringIO()
    call_command("import_readings", str(drop), "--skip-errors", stdout=out, stderr=StringIO())
    assert "2 new, 0 updated, 1 skipped" in out.getvalue()
