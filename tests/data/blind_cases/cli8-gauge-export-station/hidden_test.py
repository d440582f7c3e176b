"""Acceptance tests for `manage.py export_readings --station CODE`: only the requested stations are
exported, and an unknown station code is an error."""
import csv
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def exported_stations(*args):
    out = StringIO()
    call_command("export_readings", *args, stdout=out, stderr=StringIO())
    return [row["station"] for row in csv.DictReader(StringIO(out.getvalue()))]


@pytest.mark.django_db
def test_single_station(readings):
    assert exported_stations("--station", "ATH01") == ["ATH01"] * 4


@pytest.mark.django_db
def test_repeated_station_option(readings):
    assert exported_stations("--station", "SUC03", "--station", "BAN02") == ["BAN02"] * 2 + ["SUC03"] * 2


@pytest.mark.django_db
def test_station_with_other_filters(readings):
    assert exported_stations("--station", "BAN02", "--include-suspect", "--until", "2024-01-15") == ["BAN02"] * 3


@pytest.mark.django_db
def test_without_station_exports_everything(readings):
    assert sorted(set(exported_stations())) == ["ATH01", "BAN02", "SUC03"]


@pytest.mark.django_db
def test_unknown_station_is_an_error(readings):
    with pytest.raises(CommandError):
        call_command("export_readings", "--station", "ATH99", stdout=StringIO(), stderr=StringIO())
