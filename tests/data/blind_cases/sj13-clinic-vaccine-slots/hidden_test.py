"""Acceptance tests: the evening job publishes every centre's slots at the centre's own
opening hours (local time), including the Azores centre, which is one hour behind the mainland."""
from datetime import date, datetime, time, timedelta, timezone as dt_timezone
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from clinics.models import Clinic, OpeningHours
from scheduling.cron import publish_tomorrows_slots
from scheduling.models import Slot

AZORES = ZoneInfo("Atlantic/Azores")
LISBON = ZoneInfo("Europe/Lisbon")

WINTER_TUESDAY = date(2024, 3, 5)
SUMMER_TUESDAY = date(2024, 7, 9)


def expected_times(sessions, minutes):
    out = []
    for opens, closes in sessions:
        start = datetime.combine(date.min, opens)
        end = datetime.combine(date.min, closes)
        while start + timedelta(minutes=minutes) <= end:
            out.append((start.time(), (start + timedelta(minutes=minutes)).time()))
            start += timedelta(minutes=minutes)
    return out


PDL_SESSIONS = ((time(9, 0), time(12, 30)), (time(13, 30), time(16, 0)))
LIS_SESSIONS = ((time(8, 30), time(13, 0)), (time(14, 0), time(19, 0)))


@pytest.fixture
def centres(db):
    def make(code, tz, sessions, minutes):
        clinic = Clinic.objects.create(code=code, name=f"Centro de Vacinação {code}", timezone=tz,
                                       slot_minutes=minutes, vaccinators=2, phone="+351296000000")
        for weekday in range(5):
            for opens, closes in sessions:
                OpeningHours.objects.create(clinic=clinic, weekday=weekday, opens=opens, closes=closes)
        return clinic

    return {
        "PDL": make("PDL", "Atlantic/Azores", PDL_SESSIONS, 10),
        "LIS": make("LIS", "Europe/Lisbon", LIS_SESSIONS, 15),
    }


def local_slots(clinic, tz, day):
    rows = []
    for slot in Slot.objects.filter(clinic=clinic).order_by("starts_at"):
        start = timezone.localtime(slot.starts_at, tz)
        end = timezone.localtime(slot.ends_at, tz)
        assert start.date() == day and end.date() == day, (start, end)
        rows.append((start.time(), end.time()))
    return rows


@pytest.mark.django_db
@pytest.mark.parametrize("day", [WINTER_TUESDAY, SUMMER_TUESDAY])
def test_azores_centre_slots_match_its_local_opening_hours(centres, day):
    publish_tomorrows_slots(day=day)

    assert local_slots(centres["PDL"], AZORES, day) == expected_times(PDL_SESSIONS, 10)


@pytest.mark.django_db
@pytest.mark.parametrize("day", [WINTER_TUESDAY, SUMMER_TUESDAY])
def test_mainland_centre_slots_are_unchanged(centres, day):
    publish_tomorrows_slots(day=day)

    assert local_slots(centres["LIS"], LISBON, day) == expected_times(LIS_SESSIONS, 15)


@pytest.mark.django_db
def test_evening_run_publishes_next_day_for_the_azores(centres):
    evening = datetime(2024, 7, 8, 19, 0, tzinfo=dt_timezone.utc)  # 20:00 Lisbon, 19:00 Ponta Delgada
    with mock.patch("django.utils.timezone.now", return_value=evening):
        publish_tomorrows_slots()

    rows = local_slots(centres["PDL"], AZORES, SUMMER_TUESDAY)
    assert rows[0] == (time(9, 0), time(9, 10))
    assert rows[-1] == (time(15, 50), time(16, 0))


@pytest.mark.django_db
def test_booking_site_offers_azores_slots_from_opening_time(client, centres):
    publish_tomorrows_slots(day=WINTER_TUESDAY)
    evening = datetime(2024, 3, 4, 20, 0, tzinfo=dt_timezone.utc)
    with mock.patch("django.utils.timezone.now", return_value=evening):
        response = client.get("/api/clinics/PDL/slots/2024-03-05/")
    assert response.status_code == 200
    starts = [s["start"] for s in response.json()["slots"]]
    assert starts[0] == "09:00"
    assert starts[-1] == "15:50"
    assert "12:30" not in starts and "13:20" not in starts
    assert len(starts) == len(expected_times(PDL_SESSIONS, 10))


@pytest.mark.django_db
def test_rerunning_the_job_does_not_duplicate_azores_slots(centres):
    publish_tomorrows_slots(day=WINTER_TUESDAY)
    publish_tomorrows_slots(day=WINTER_TUESDAY)

    assert local_slots(centres["PDL"], AZORES, WINTER_TUESDAY) == expected_times(PDL_SESSIONS, 10)
