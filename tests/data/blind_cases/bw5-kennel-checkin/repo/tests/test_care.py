from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from boarding.models import Pet
from boarding.services import CheckInService
from care.models import CareTask
from care.tasks import brief_care_team, escalate_overdue_care_tasks

from .conftest import vaccinate


@pytest.fixture
def checked_in_stay(dog, make_stay):
    return CheckInService().check_in(make_stay(dog, nights=2))


@pytest.mark.django_db
def test_brief_care_team_plans_medication_rounds(checked_in_stay, mailoutbox):
    pet = checked_in_stay.pet
    Pet.objects.filter(pk=pet.pk).update(medication_notes="Metacam 1.5ml with food")
    created = brief_care_team(checked_in_stay.pk, ["medication"])
    tasks = CareTask.objects.filter(stay=checked_in_stay)
    assert created == tasks.count() > 0
    assert {t.kind for t in tasks} == {"medication"}
    assert all(t.instructions == "Metacam 1.5ml with food" for t in tasks)
    assert mailoutbox[0].to == ["care-team@barkleylodge.example"]
    # running it again does not duplicate the slots
    assert brief_care_team(checked_in_stay.pk, ["medication"]) == 0


@pytest.mark.django_db
def test_new_medication_while_staying_is_planned(checked_in_stay, django_capture_on_commit_callbacks):
    pet = checked_in_stay.pet
    with django_capture_on_commit_callbacks(execute=True):
        pet.diet_notes = "grain free, own food only"
        pet.save()
    assert set(CareTask.objects.filter(stay=checked_in_stay).values_list("flag", flat=True)) == {"special_diet"}


@pytest.mark.django_db
def test_overdue_care_tasks_are_escalated_once(checked_in_stay, mailoutbox):
    CareTask.objects.create(stay=checked_in_stay, kind="medication", flag="medication",
                            due_at=timezone.now() - timedelta(hours=2))
    assert escalate_overdue_care_tasks() == 1
    assert escalate_overdue_care_tasks() == 0
    assert "1 overdue care tasks" in mailoutbox[0].subject


@pytest.mark.django_db
def test_print_care_board(checked_in_stay):
    tomorrow = timezone.localdate() + timedelta(days=1)
    brief_care_team(checked_in_stay.pk, ["senior"])
    out = StringIO()
    call_command("print_care_board", "--date", tomorrow.isoformat(), stdout=out)
    assert "== run A1: Biscuit" in out.getvalue()
    assert "2 care slots on" in out.getvalue()


@pytest.mark.django_db
def test_cat_with_no_vaccinations_cannot_board(owner, make_stay):
    cat = Pet.objects.create(owner=owner, name="Miso", species="cat")
    vaccinate(cat, kinds=["rabies"])
    assert cat.missing_vaccinations() == {"fvrcp"}
