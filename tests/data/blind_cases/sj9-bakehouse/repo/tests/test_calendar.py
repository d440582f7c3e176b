from datetime import date

import pytest

from accounts.calendar import DeliveryCalendar
from accounts.models import Closure


@pytest.mark.django_db
def test_closure_days_are_inclusive(make_customer):
    cafe = make_customer("XMAS")
    Closure.objects.create(customer=cafe, first_day=date(2024, 12, 23), last_day=date(2024, 12, 28))
    calendar = DeliveryCalendar(date(2024, 12, 20))

    assert calendar.delivers_to(cafe, date(2024, 12, 21))
    assert not calendar.delivers_to(cafe, date(2024, 12, 23))
    assert not calendar.delivers_to(cafe, date(2024, 12, 28))
    assert calendar.next_delivery_day(cafe, date(2024, 12, 23)) == date(2024, 12, 30)  # 29th is a Sunday


@pytest.mark.django_db
def test_sundays_holidays_and_paused_accounts(make_customer):
    cafe, paused = make_customer("SUND"), make_customer("PAWS", is_paused=True)
    calendar = DeliveryCalendar(date(2025, 5, 1), bakery_holidays=[date(2025, 5, 5)])

    assert not calendar.is_delivery_day(date(2025, 5, 4))  # Sunday
    assert not calendar.is_delivery_day(date(2025, 5, 5))  # early May bank holiday
    assert calendar.next_delivery_day(cafe, date(2025, 5, 3)) == date(2025, 5, 6)
    assert not calendar.delivers_to(paused, date(2025, 5, 2))
    assert calendar.next_delivery_day(paused, date(2025, 5, 2)) is None
