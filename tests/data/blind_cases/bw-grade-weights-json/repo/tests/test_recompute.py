import json
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command

from courses.models import AssessmentCategory
from courses.weights import WeightError, apply_weight_change, category_weights
from reports.models import ReportCard
from reports.tasks import publish_term_grades, recompute_course_grades


@pytest.mark.django_db
def test_recompute_task(course, maya):
    assert recompute_course_grades(course.pk, category_weights(course)) == 1
    card = ReportCard.objects.get(enrollment__student=maya)
    assert (card.percent, card.letter) == (Decimal("86.0"), "B")


@pytest.mark.django_db
def test_recompute_grades_command(course, maya, capsys):
    call_command("recompute_grades", "CHEM-2")
    assert ReportCard.objects.get(enrollment__student=maya).letter == "B"
    assert "1 report card(s) recomputed" in capsys.readouterr().out


@pytest.mark.django_db
def test_weights_must_add_up(course):
    with pytest.raises(WeightError):
        apply_weight_change(course, {"Tests": Decimal("70")})
    assert AssessmentCategory.objects.get(course=course, name="Tests").weight == Decimal("60")


@pytest.fixture
def queued(monkeypatch):
    calls = []
    monkeypatch.setattr(recompute_course_grades, "delay", lambda *args, **kwargs: calls.append((args, kwargs)))
    return calls


@pytest.mark.django_db(transaction=True)
def test_weight_change_via_api_queues_a_recompute(client, course, queued):
    resp = client.post(f"/api/courses/{course.pk}/weights/", data=json.dumps({"Tests": "30", "Labs": "70"}),
                       content_type="application/json")
    assert resp.status_code == 202, resp.content
    assert resp.json() == {"Tests": "30", "Labs": "70", "Practice": "0.00"}
    ids = {c.name: c.pk for c in course.categories.all()}
    assert queued == [((course.pk, {ids["Tests"]: Decimal("30"), ids["Labs"]: Decimal("70"),
                                    ids["Practice"]: Decimal("0")}), {})]


@pytest.mark.django_db
def test_new_weights_change_the_grade(course, maya):
    apply_weight_change(course, {"Tests": Decimal("30"), "Labs": Decimal("70")})
    recompute_course_grades(course.pk, category_weights(course))
    card = ReportCard.objects.get(enrollment__student=maya)
    assert card.percent == Decimal("90.5")
    assert card.letter == "A"


@pytest.mark.django_db
def test_bad_weights_via_api(client, course):
    resp = client.post(f"/api/courses/{course.pk}/weights/", data=json.dumps({"Tests": "abc"}),
                       content_type="application/json")
    assert resp.status_code == 422


@pytest.mark.django_db
def test_publish_term_grades_queues_every_course(term, course, queued):
    assert publish_term_grades(term.pk) == 1
    assert queued == [((course.pk, category_weights(course)), {"publish": True})]


@pytest.mark.django_db
def test_publishing_notifies_families(course, maya):
    recompute_course_grades(course.pk, category_weights(course), publish=True)
    card = ReportCard.objects.get(enrollment__student=maya)
    assert card.published_at is not None
    assert len(mail.outbox) == 1
    assert "B (86.0%)" in mail.outbox[0].body
