from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from outbox.models import OutboxMessage
from pickups.models import BoxAllocation, PickupDay
from pickups.services.schedule import close_pickup_days, open_week
from pickups.services.skips import SkipTooLate, mark_collected, skip_box

TORONTO = ZoneInfo("America/Toronto")
MONDAY = date(2024, 6, 10)


@pytest.mark.django_db
def test_open_week_creates_day_in_local_time_and_allocates(site, make_member):
    a, b = make_member(), make_member()
    days, boxes = open_week(MONDAY)
    assert (days, boxes) == (1, 2)
    day = PickupDay.objects.get()
    assert day.date == date(2024, 6, 12)
    assert day.opens_at == datetime(2024, 6, 12, 15, tzinfo=TORONTO)
    assert day.skip_deadline == datetime(2024, 6, 10, 20, tzinfo=TORONTO)
    assert set(BoxAllocation.objects.values_list("share__member", flat=True)) == {a.pk, b.pk}


@pytest.mark.django_db
def test_open_week_can_be_rerun(site, make_member):
    make_member()
    open_week(MONDAY)
    make_member()
    assert open_week(MONDAY) == (0, 1)
    assert BoxAllocation.objects.count() == 2


@pytest.mark.django_db
def test_open_week_command_validates_the_date(site):
    with pytest.raises(CommandError):
        call_command("open_week", "2024-06-11", stdout=StringIO())
    out = StringIO()
    call_command("open_week", "2024-06-10", stdout=out)
    assert "1 pickup days created" in out.getvalue()


@pytest.mark.django_db
def test_skip_deadline_is_enforced(site, make_member):
    make_member()
    open_week(MONDAY)
    box = BoxAllocation.objects.get()
    with pytest.raises(SkipTooLate):
        skip_box(box, now=datetime(2024, 6, 10, 21, tzinfo=TORONTO))
    skip_box(box, now=datetime(2024, 6, 10, 19, tzinfo=TORONTO))
    assert BoxAllocation.objects.get().status == BoxAllocation.Status.SKIPPED


@pytest.mark.django_db
def test_closing_marks_missed_boxes_once(site, make_member):
    make_member()
    make_member()
    open_week(MONDAY)
    first, second = BoxAllocation.objects.order_by("pk")
    mark_collected(first)
    after_close = datetime(2024, 6, 12, 19, 30, tzinfo=TORONTO)

    assert close_pickup_days(now=after_close) == 1
    assert close_pickup_days(now=after_close + timedelta(hours=1)) == 0
    second.refresh_from_db()
    assert second.status == BoxAllocation.Status.MISSED
    assert list(OutboxMessage.objects.values_list("kind", flat=True)) == ["missed_pickup"]
