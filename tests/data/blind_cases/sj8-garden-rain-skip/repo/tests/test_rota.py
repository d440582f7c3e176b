from datetime import date

from django.core import mail
from django.core.management import call_command

from rota.models import WateringShift
from rota.tasks import plan_daily_watering

from .conftest import local


def make_shift(gardener, beds, day):
    shift = WateringShift.objects.create(day=day, gardener=gardener)
    shift.beds.set(beds)
    return shift


def test_dry_day_sends_reminders_once(gardeners, communal_beds):
    shift = make_shift(gardeners[0], communal_beds[:2], date(2024, 1, 17))
    make_shift(gardeners[1], communal_beds[:2], date(2024, 1, 18))

    result = plan_daily_watering("2024-01-17")
    plan_daily_watering("2024-01-17")

    assert result["cancelled"] is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["aroha@example.org"]
    assert "C1, C2" in mail.outbox[0].body
    shift.refresh_from_db()
    assert shift.status == WateringShift.Status.SCHEDULED and shift.reminded_at is not None


def test_wet_afternoon_cancels_next_morning(gardeners, communal_beds, add_rain):
    shift = make_shift(gardeners[1], communal_beds[:2], date(2024, 1, 17))
    add_rain(local(2024, 1, 16, 14, 0), 8.0)
    add_rain(local(2024, 1, 16, 14, 10), 5.5)

    result = plan_daily_watering("2024-01-17")

    assert result["cancelled"] is True
    shift.refresh_from_db()
    assert shift.status == WateringShift.Status.CANCELLED_RAIN
    assert mail.outbox[0].subject.endswith("No watering today")


def test_build_rota_round_robin(gardeners, communal_beds):
    call_command("build_rota", "--weeks", "1", "--start", "2024-03-06")
    call_command("build_rota", "--weeks", "1", "--start", "2024-03-06")

    shifts = list(WateringShift.objects.all())
    assert len(shifts) == 7
    assert shifts[0].day == date(2024, 3, 4)
    assert [s.gardener.name for s in shifts[:3]] == ["Aroha Ngata", "Bao Tran", "Aroha Ngata"]
    assert sorted(b.code for b in shifts[0].beds.all()) == ["C1", "C2"]


def test_day_plan_view(client, gardeners, communal_beds):
    make_shift(gardeners[0], communal_beds[:1], date(2024, 1, 17))
    data = client.get("/rota/2024-01-17/").json()
    assert data["shifts"] == [{"slot": "am", "gardener": "Aroha Ngata", "status": "scheduled", "beds": ["C1"]}]
