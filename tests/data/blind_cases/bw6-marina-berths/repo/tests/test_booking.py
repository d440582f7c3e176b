from datetime import timedelta
from decimal import Decimal

import pytest

from berths.models import Stay, StayNight
from berths.services import (CapacityError, DocumentsError, NoBerthAvailable, StayBooker, StayRequest,
                             price_stay)

pytestmark = pytest.mark.django_db(databases="__all__")


def test_booking_takes_first_free_berth_of_the_right_size(berths, make_boat, today):
    boat = make_boat()
    stay = StayBooker().book(StayRequest(boat, today + timedelta(days=10), today + timedelta(days=13)))

    assert stay.berth.code == "M-01"
    assert stay.status == Stay.Status.CONFIRMED
    assert stay.owner_email == "femke@example.nl"
    assert stay.total == Decimal("114.00")
    assert list(stay.booked_nights.values_list("night", flat=True)) == stay.night_dates()


def test_overlapping_stay_gets_the_next_berth(berths, make_boat, today):
    first = StayBooker().book(StayRequest(make_boat("Zeemeeuw"), today + timedelta(days=5), today + timedelta(days=9)))
    second = StayBooker().book(StayRequest(make_boat("Pip"), today + timedelta(days=8), today + timedelta(days=10)))
    assert (first.berth.code, second.berth.code) == ("M-01", "M-02")

    with pytest.raises(NoBerthAvailable):
        StayBooker().book(StayRequest(make_boat("Moos"), today + timedelta(days=8), today + timedelta(days=9)))


def test_expired_insurance_is_refused(berths, make_boat, today):
    boat = make_boat(valid_days=3)
    with pytest.raises(DocumentsError):
        StayBooker().book(StayRequest(boat, today + timedelta(days=1), today + timedelta(days=5)))
    assert not Stay.objects.exists()


def test_shore_power_capacity_rolls_back_the_stay(berths, make_boat, today):
    start, end = today + timedelta(days=20), today + timedelta(days=22)
    booker = StayBooker(max_shore_power_per_night=1)
    booker.book(StayRequest(make_boat("Zeemeeuw", needs_shore_power=True), start, end))

    with pytest.raises(CapacityError):
        booker.book(StayRequest(make_boat("Pip", needs_shore_power=True), start, end))

    assert Stay.objects.count() == 1
    assert StayNight.objects.count() == 2


def test_cancel_frees_the_berth(berths, make_boat, today):
    booker = StayBooker()
    stay = booker.book(StayRequest(make_boat("Albatros", length="14.5"), today + timedelta(days=3), today + timedelta(days=5)))
    booker.cancel(stay, "owner ill")

    stay.refresh_from_db()
    assert stay.status == Stay.Status.CANCELLED
    assert not StayNight.objects.filter(stay=stay).exists()
    again = booker.book(StayRequest(make_boat("Bolt", length="15.2"), today + timedelta(days=3), today + timedelta(days=5)))
    assert again.berth.code == "L-01"


def test_week_long_stay_has_one_free_night():
    assert price_stay(Decimal("38.00"), 6) == Decimal("228.00")
    assert price_stay(Decimal("38.00"), 7) == Decimal("228.00")
