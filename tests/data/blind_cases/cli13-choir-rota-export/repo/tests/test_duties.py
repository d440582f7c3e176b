import pytest

from rehearsals.models import Attendance, RotaDuty
from rehearsals.rota import Month, assign_duties, swap_duty


@pytest.mark.django_db
def test_assign_fills_every_slot_once(singers, may_rehearsals):
    assert assign_duties(Month(2024, 5)) == 12
    assert assign_duties(Month(2024, 5)) == 0
    for rehearsal in may_rehearsals:
        names = list(rehearsal.duties.values_list("singer_id", flat=True))
        assert len(names) == len(set(names)) == 3


@pytest.mark.django_db
def test_duties_spread_across_singers(singers, may_rehearsals):
    assign_duties(Month(2024, 5))
    counts = sorted(s.duties.count() for s in singers.values())
    assert counts[-1] - counts[0] <= 1


@pytest.mark.django_db
def test_apologies_are_skipped(singers, may_rehearsals):
    first = may_rehearsals[0]
    for singer in list(singers.values())[:5]:
        Attendance.objects.create(rehearsal=first, singer=singer, status=Attendance.Status.APOLOGIES)
    assign_duties(Month(2024, 5))
    assert set(first.duties.values_list("singer__last_name", flat=True)) <= {"Sharma", "Jones", "Walsh"}


@pytest.mark.django_db
def test_swap_records_original_singer(singers, may_rehearsals):
    duty = RotaDuty.objects.create(rehearsal=may_rehearsals[0], singer=singers["Hughes"], duty="tea")
    swap_duty(duty, singers["Price"])
    duty.refresh_from_db()
    assert (duty.singer, duty.swapped_from) == (singers["Price"], singers["Hughes"])


def test_month_parsing():
    assert Month.parse("2024-05") == Month(2024, 5)
    assert Month(2024, 12).next() == Month(2025, 1)
    with pytest.raises(ValueError):
        Month.parse("May 2024")
