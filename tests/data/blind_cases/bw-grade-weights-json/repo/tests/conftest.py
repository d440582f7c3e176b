from datetime import date, datetime, timezone as dt_timezone
from decimal import Decimal

import pytest

from courses.models import Assessment, AssessmentCategory, Course, Enrollment, Score, Student, Term


@pytest.fixture
def term(db):
    return Term.objects.create(name="2024 Fall", starts_on=date(2024, 8, 19), ends_on=date(2024, 12, 20),
                               grades_due=datetime(2024, 12, 23, 17, tzinfo=dt_timezone.utc), is_current=True)


@pytest.fixture
def course(term):
    course = Course.objects.create(term=term, code="CHEM-2", title="Chemistry II", teacher="Ms. Alvarez")
    tests = AssessmentCategory.objects.create(course=course, name="Tests", weight=Decimal("60"))
    labs = AssessmentCategory.objects.create(course=course, name="Labs", weight=Decimal("40"))
    practice = AssessmentCategory.objects.create(course=course, name="Practice", weight=Decimal("0"))
    Assessment.objects.create(course=course, category=tests, title="Unit 1 test", max_points=100,
                              due_on=date(2024, 9, 20))
    Assessment.objects.create(course=course, category=labs, title="Titration lab", max_points=20,
                              due_on=date(2024, 9, 27))
    Assessment.objects.create(course=course, category=practice, title="Worksheet 3", max_points=10,
                              due_on=date(2024, 9, 30))
    return course


def add_scores(course, student, points_by_title):
    Enrollment.objects.get_or_create(course=course, student=student)
    for title, points in points_by_title.items():
        Score.objects.create(assessment=Assessment.objects.get(course=course, title=title), student=student,
                             points=points)


@pytest.fixture
def maya(course):
    student = Student.objects.create(number="S1001", name="Maya Chen", guardian_email="chen.family@example.org")
    # tests 80 %, labs 95 %, practice 20 % (not counted)
    add_scores(course, student, {"Unit 1 test": Decimal("80"), "Titration lab": Decimal("19"),
                                 "Worksheet 3": Decimal("2")})
    return student
