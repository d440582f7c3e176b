from datetime import datetime, timedelta, timezone as dt_timezone
from io import StringIO
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from scheduling.cron import mark_no_shows, send_booking_reminders
from scheduling.models import Booking, Slot
from scheduling.services import BookingError, book_slot

AZORES = ZoneInfo("Atlantic/Azores")


def make_slot(clinic, local_start, minutes=15, capacity=2):
    start = local_start.replace(tzinfo=clinic.tzinfo)
    return Slot.objects.create(clinic=clinic, starts_at=start, ends_at=start + timedelta(minutes=minutes),
                               capacity=capacity)


def make_booking(slot, name="Maria Silva", sns="123456789", phone="+351912345678", **kwargs):
    return Booking.objects.create(slot=slot, full_name=name, sns_number=sns, phone=phone,
                                  vaccine=kwargs.pop("vaccine", Booking.Vaccine.FLU), **kwargs)


@pytest.mark.django_db
def test_reminders_cover_each_centres_local_tomorrow(lisbon, make_clinic, sms_outbox):
    azores = make_clinic("PDL", name="Centro de Vacinação Ponta Delgada", tz="Atlantic/Azores")
    now = datetime(2024, 10, 14, 9, 0, tzinfo=dt_timezone.utc)  # 10:00 Lisbon, 09:00 Azores
    make_booking(make_slot(lisbon, datetime(2024, 10, 15, 9, 0)), name="Maria Silva")
    make_booking(make_slot(azores, datetime(2024, 10, 15, 23, 45)), name="João Medeiros", sns="223456789")
    make_booking(make_slot(lisbon, datetime(2024, 10, 16, 0, 0)), name="Rui Costa", sns="323456789")

    assert send_booking_reminders(now=now) == 2
    assert send_booking_reminders(now=now) == 0
    texts = [text for _, text in sms_outbox]
    assert any(text.startswith("Maria, reminder") and "15/10 at 09:00" in text for text in texts)
    assert any(text.startswith("João, reminder") and "15/10 at 23:45" in text for text in texts)


@pytest.mark.django_db
def test_no_shows(lisbon):
    now = datetime(2024, 10, 15, 13, 0, tzinfo=dt_timezone.utc)
    late = make_booking(make_slot(lisbon, datetime(2024, 10, 15, 10, 0)))
    recent = make_booking(make_slot(lisbon, datetime(2024, 10, 15, 13, 0)), sns="999999999")
    assert mark_no_shows(now=now) == 1
    late.refresh_from_db()
    recent.refresh_from_db()
    assert (late.status, recent.status) == (Booking.Status.NO_SHOW, Booking.Status.BOOKED)


@pytest.mark.django_db
def test_booking_respects_capacity(lisbon):
    slot = make_slot(lisbon, datetime(2024, 10, 15, 10, 0), capacity=1)
    book_slot(slot.pk, full_name="Ana Sousa", sns_number="111111111", vaccine="covid")
    with pytest.raises(BookingError):
        book_slot(slot.pk, full_name="Rita Lopes", sns_number="222222222", vaccine="covid")


@pytest.mark.django_db
def test_day_sheet_in_centre_local_time(make_clinic):
    azores = make_clinic("PDL", name="Centro de Vacinação Ponta Delgada", tz="Atlantic/Azores")
    make_booking(make_slot(azores, datetime(2024, 10, 15, 9, 0)), name="João Medeiros")
    out = StringIO()
    call_command("day_sheet", "PDL", "2024-10-15", stdout=out)
    assert "09:00-09:15  1/2" in out.getvalue()
    assert "João Medeiros" in out.getvalue()


@pytest.mark.django_db
def test_slots_api_lists_future_slots_in_local_time(client, make_clinic):
    azores = make_clinic("PDL", name="Centro de Vacinação Ponta Delgada", tz="Atlantic/Azores")
    make_slot(azores, datetime(2024, 10, 15, 9, 0))
    make_slot(azores, datetime(2024, 10, 15, 9, 15))
    now = datetime(2024, 10, 15, 9, 5, tzinfo=dt_timezone.utc)  # 09:05 in the Azores (UTC+0 in summer)
    with mock.patch("django.utils.timezone.now", return_value=now):
        response = client.get("/api/clinics/PDL/slots/2024-10-15/")
    assert response.status_code == 200
    assert [(s["start"], s["free"]) for s in response.json()["slots"]] == [("09:15", 2)]
