"""Acceptance tests: report cards recomputed by the worker use the category
weights, also when the task message went through the broker (JSON, as in
production), for weight changes and for end-of-term publishing."""
import json
from decimal import Decimal

import pytest
from django.core import mail
from kombu import serialization

from courses.models import Student
from reports import tasks as report_tasks
from reports.models import ReportCard

from .conftest import add_scores


class JsonBroker:
    """Stands in for the broker + a worker: the message is JSON-encoded and
    decoded exactly like Celery's json serializer does, then executed."""

    def __init__(self, task):
        self.task = task
        self.messages = []

    def apply_async(self, args=None, kwargs=None, **options):
        content_type, encoding, data = serialization.dumps((list(args or ()), dict(kwargs or {})), "json")
        args, kwargs = serialization.loads(data, content_type, encoding, accept=["application/json"])
        self.messages.append((args, kwargs))
        return self.task.apply(args=args, kwargs=kwargs, throw=True)


@pytest.fixture
def broker(monkeypatch):
    fake = JsonBroker(report_tasks.recompute_course_grades)
    monkeypatch.setattr(report_tasks.recompute_course_grades, "apply_async", fake.apply_async)
    return fake


@pytest.fixture
def leo(course):
    student = Student.objects.create(number="S1002", name="Leo Park", email="leo@example.org")
    # only the lab is graded so far: 15/20 = 75 %
    add_scores(course, student, {"Titration lab": Decimal("15"), "Worksheet 3": Decimal("9")})
    return student


@pytest.mark.django_db
def test_weight_change_recomputes_with_the_new_weights(client, course, maya, leo, broker,
                                                       django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post(f"/api/courses/{course.pk}/weights/", data=json.dumps({"Tests": "30", "Labs": "70"}),
                           content_type="application/json")
    assert resp.status_code == 202, resp.content
    assert len(broker.messages) == 1

    maya_card = ReportCard.objects.get(enrollment__student=maya)
    assert maya_card.percent == Decimal("90.5")  # 80 * 0.3 + 95 * 0.7
    assert maya_card.letter == "A"
    leo_card = ReportCard.objects.get(enrollment__student=leo)
    assert leo_card.percent == Decimal("75.0")
    assert leo_card.letter == "C"


@pytest.mark.django_db
def test_publishing_the_term_uses_the_course_weights(term, course, maya, leo, broker):
    report_tasks.publish_term_grades.delay(term.pk)

    assert len(broker.messages) == 1
    maya_card = ReportCard.objects.get(enrollment__student=maya)
    assert (maya_card.percent, maya_card.letter) == (Decimal("86.0"), "B")
    assert maya_card.published_at is not None
    assert ReportCard.objects.get(enrollment__student=leo).letter == "C"
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "B (86.0%)" in bodies["chen.family@example.org"]
    assert "C (75.0%)" in bodies["leo@example.org"]


@pytest.mark.django_db
def test_practice_work_still_does_not_count(course, leo, broker, django_capture_on_commit_callbacks):
    from courses.weights import apply_weight_change

    with django_capture_on_commit_callbacks(execute=True):
        apply_weight_change(course, {"Tests": Decimal("50"), "Labs": Decimal("50")})

    card = ReportCard.objects.get(enrollment__student=leo)
    assert card.percent == Decimal("75.0")  # practice (90 %) has weight 0
