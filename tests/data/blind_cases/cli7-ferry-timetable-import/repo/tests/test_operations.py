from datetime import date, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from operations.models import Disruption, PassengerCount
from operations.services import punctuality
from timetable.models import Sailing


def _sailing(season, route, hhmm, vessel=None):
    dep = timezone.make_aware(datetime.combine(date(2025, 6, 2), datetime.strptime(hhmm, "%H:%M").time()))
    return Sailing.objects.create(season=season, route=route, vessel=vessel, departs_at=dep,
                                  arrives_at=dep + route.crossing_time)


@pytest.fixture
def day_of_sailings(network, season):
    r = network["routes"]
    return [
        _sailing(season, r["OBN-CRA"], "07:30"),
        _sailing(season, r["CRA-OBN"], "08:30"),
        _sailing(season, r["OBN-COL"], "07:15"),
    ]


@pytest.mark.django_db
def test_disruption_cancels_sailings_calling_at_port(day_of_sailings):
    out = StringIO()
    call_command("record_disruption", "CRA", "2025-06-02", "--reason", "Gale warning", stdout=out)

    assert "2 sailing(s) cancelled" in out.getvalue()
    cancelled = Sailing.objects.filter(status=Sailing.Status.CANCELLED)
    assert set(cancelled.values_list("route__code", flat=True)) == {"OBN-CRA", "CRA-OBN"}
    assert Disruption.objects.get().sailings_cancelled == 2


@pytest.mark.django_db
def test_import_counts_all_or_nothing(day_of_sailings, tmp_path):
    path = tmp_path / "counts.csv"
    path.write_text("route,departs,passengers,cars,departed\n"
                    "OBN-CRA,2025-06-02 07:30,412,51,2025-06-02 07:33\n"
                    "OBN-CRA,2025-06-02 23:59,10,0,\n", encoding="utf-8")
    with pytest.raises(CommandError, match="line 3"):
        call_command("import_counts", str(path), stdout=StringIO())
    assert PassengerCount.objects.count() == 0


@pytest.mark.django_db
def test_punctuality(day_of_sailings, tmp_path):
    path = tmp_path / "counts.csv"
    path.write_text("route,departs,passengers,cars,departed\n"
                    "OBN-CRA,2025-06-02 07:30,412,51,2025-06-02 07:33\n"
                    "CRA-OBN,2025-06-02 08:30,380,44,2025-06-02 08:52\n", encoding="utf-8")
    call_command("import_counts", str(path), stdout=StringIO())
    assert punctuality(date(2025, 6, 2)) == (1, 2)
