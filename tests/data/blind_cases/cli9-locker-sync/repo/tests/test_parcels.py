from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from lockers import tasks
from lockers.models import Compartment, Parcel
from notify.models import OutboxMessage


@pytest.fixture
def waiting(make_parcel):
    compartment = Compartment.objects.get(label="A01")
    now = timezone.now()

    def _make(code, deposited_hours_ago, deadline_in_hours):
        return make_parcel(code, status=Parcel.Status.IN_LOCKER, email=f"{code.lower()}@example.nl",
                           compartment=compartment, deposited_at=now - timedelta(hours=deposited_hours_ago),
                           pickup_deadline=now + timedelta(hours=deadline_in_hours))
    return _make


@pytest.mark.django_db
def test_pickup_reminders_once_per_parcel(waiting):
    waiting("OLD1", deposited_hours_ago=50, deadline_in_hours=70)
    waiting("NEW1", deposited_hours_ago=2, deadline_in_hours=118)
    assert tasks.send_pickup_reminders.delay().get() == 1
    assert tasks.send_pickup_reminders.delay().get() == 0
    assert list(OutboxMessage.objects.values_list("parcel_ref", "template")) == [("OLD1", "pickup_reminder")]


@pytest.mark.django_db
def test_expire_overdue(waiting):
    waiting("LATE1", deposited_hours_ago=130, deadline_in_hours=-10)
    waiting("OK1", deposited_hours_ago=10, deadline_in_hours=110)
    assert tasks.expire_overdue_parcels.delay().get() == 1
    assert Parcel.objects.get(tracking_code="LATE1").status == Parcel.Status.EXPIRED
    assert OutboxMessage.objects.filter(template="returned").count() == 1


@pytest.mark.django_db
def test_expire_parcels_command_dry_run(waiting):
    waiting("LATE2", deposited_hours_ago=130, deadline_in_hours=-1)
    out = StringIO()
    call_command("expire_parcels", "--dry-run", stdout=out)
    assert "[dry run] would expire 1 parcel(s)" in out.getvalue()
    assert Parcel.objects.get().status == Parcel.Status.IN_LOCKER
