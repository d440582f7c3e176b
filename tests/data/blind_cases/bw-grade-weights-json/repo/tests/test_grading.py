from decimal import Decimal

import pytest

from courses.models import Enrollment
from reports.grading import category_percents, letter_for, weighted_average


def test_weighted_average_ignores_unweighted_categories():
    assert weighted_average({1: Decimal("80"), 2: Decimal("95"), 3: Decimal("20")},
                            {1: Decimal("60"), 2: Decimal("40"), 3: Decimal("0")}) == Decimal("86.0")


def test_weighted_average_renormalises_missing_categories():
    assert weighted_average({1: Decimal("70")}, {1: Decimal("60"), 2: Decimal("40")}) == Decimal("70.0")


def test_nothing_counted_is_incomplete():
    assert weighted_average({3: Decimal("50")}, {3: Decimal("0")}) is None
    assert letter_for(None) == "I"


@pytest.mark.parametrize("percent,letter", [(Decimal("90.0"), "A"), (Decimal("89.9"), "B"), (Decimal("59.9"), "F")])
def test_letters(percent, letter):
    assert letter_for(percent) == letter


@pytest.mark.django_db
def test_category_percents(course, maya):
    enrollment = Enrollment.objects.get(course=course, student=maya)
    percents = {course.categories.get(pk=cid).name: p for cid, p in category_percents(enrollment).items()}
    assert percents == {"Tests": Decimal("80"), "Labs": Decimal("95"), "Practice": Decimal("20")}
