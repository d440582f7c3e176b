from datetime import date, time
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from clinics.models import Closure
from scheduling.cron import publish_tomorrows_slots
from scheduling.models import Slot
from scheduling.services import publish_slots_for_day, slot_times

TUESDAY = date(2024, 3, 5)


@pytest.mark.django_db
def test_slots_follow_opening_hours(lisbon):
    publish_tomorrows_slots(day=TUESDAY)
    slots = list(Slot.objects.filter(clinic=lisbon))
    assert len(slots) == 32  # 2 x 4h in 15 minute slots
    assert timezone.localtime(slots[0].starts_at).time() == time(9, 0)
    assert timezone.localtime(slots[-1].ends_at).time() == time(18, 0)
    assert all(slot.capacity == 3 for slot in slots)
    lunch = [s for s in slots if time(13) <= timezone.localtime(s.starts_at).time() < time(14)]
    assert lunch == []


@pytest.mark.django_db
def test_partial_last_slot_is_not_offered(make_clinic):
    clinic = make_clinic("OPO", sessions=((time(9), time(10, 50)),), slot_minutes=20)
    assert len(slot_times(clinic, TUESDAY)) == 5


@pytest.mark.django_db
def test_publishing_twice_keeps_existing_slots(lisbon):
    first = publish_slots_for_day(lisbon, TUESDAY)
    again = publish_slots_for_day(lisbon, TUESDAY)
    assert (first.created, again.created, again.offered) == (32, 0, 32)
    assert Slot.objects.filter(clinic=lisbon).count() == 32


@pytest.mark.django_db
def test_no_slots_on_closures_weekends_or_inactive_centres(lisbon, make_clinic):
    make_clinic("OPO", active=False)
    Closure.objects.create(clinic=lisbon, date=TUESDAY, reason="Carnaval")
    publish_tomorrows_slots(day=TUESDAY)
    publish_tomorrows_slots(day=date(2024, 3, 9))  # Saturday
    assert not Slot.objects.exists()


@pytest.mark.django_db
def test_publish_slots_command(lisbon, make_clinic):
    make_clinic("OPO", sessions=((time(8, 30), time(12, 30)),), slot_minutes=30)
    out = StringIO()
    call_command("publish_slots", "2024-03-05", "--clinic", "OPO", stdout=out)
    assert "OPO 2024-03-05: 8 slots, 8 new" in out.getvalue()
    assert not Slot.objects.filter(clinic=lisbon).exists()
