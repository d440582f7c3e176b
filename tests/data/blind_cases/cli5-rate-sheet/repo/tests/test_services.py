from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from rates.models import NightlyRate
from rates.services import adjusted


def make_rates(room_type, amounts, start_day=1):
    return [
        NightlyRate.objects.create(room_type=room_type, night=date(2024, 7, start_day + i), amount=Decimal(a))
        for i, a in enumerate(amounts)
    ]


def test_adjusted_rounds_half_up():
    assert adjusted(Decimal("100.00"), 8) == Decimal("108.00")
    assert adjusted(Decimal("99.95"), -5) == Decimal("94.95")


@pytest.mark.django_db
def test_adjust_rates_command(hostel, room):
    make_rates(room("DBL"), ["100.00", "110.00"])
    out = StringIO()
    call_command("adjust_rates", "--property", "LIS1", "--room-type", "dbl", "--from", "2024-07-01",
                 "--to", "2024-07-31", "--percent", "10", stdout=out)
    assert "adjusted 2 rate(s)" in out.getvalue()
    assert sorted(NightlyRate.objects.values_list("amount", flat=True)) == [Decimal("110.00"), Decimal("121.00")]


@pytest.mark.django_db
def test_adjust_rates_out_of_band_changes_nothing(hostel, room):
    make_rates(room("DBL"), ["100.00", "240.00"])
    with pytest.raises(CommandError, match="nothing changed"):
        call_command("adjust_rates", "--property", "LIS1", "--room-type", "DBL", "--from", "2024-07-01",
                     "--to", "2024-07-31", "--percent", "5", stdout=StringIO())
    assert sorted(NightlyRate.objects.values_list("amount", flat=True)) == [Decimal("100.00"), Decimal("240.00")]


@pytest.mark.django_db
def test_close_out_and_reopen(hostel, room):
    make_rates(room("DORM6"), ["30.00", "30.00", "32.00"])
    call_command("close_out", "--property", "LIS1", "--room-type", "DORM6", "--from", "2024-07-02",
                 "--to", "2024-07-05", stdout=StringIO())
    assert list(NightlyRate.objects.order_by("night").values_list("closed", flat=True)) == [False, True, True]
    call_command("close_out", "--property", "LIS1", "--room-type", "DORM6", "--from", "2024-07-01",
                 "--to", "2024-07-05", "--reopen", stdout=StringIO())
    assert not NightlyRate.objects.filter(closed=True).exists()
