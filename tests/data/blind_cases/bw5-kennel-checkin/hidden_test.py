"""Acceptance tests: checking in a pet that needs extra care (medication, special diet, senior, anxious...)
works like any other check-in: the tablet gets the stay back, the care board gets the pet's care slots and the
owner gets the "has arrived" notice. Celery runs eagerly here; arguments still go through the JSON serializer,
as they do on the way to a real worker.
"""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from boarding.models import Pet, Stay
from boarding.services import CheckInService
from care.models import CareTask

from .conftest import vaccinate


@pytest.fixture
def rosie(owner):
    pet = Pet.objects.create(
        owner=owner, name="Rosie", breed="Labrador", weight_kg=Decimal("22.0"),
        date_of_birth=timezone.localdate() - timedelta(days=10 * 366),
        medication_notes="Vetmedin 5mg twice daily", diet_notes="kidney diet, own food only",
    )
    vaccinate(pet)
    return pet


@pytest.mark.django_db
def test_desk_check_in_of_pet_on_medication(desk_client, rosie, make_stay, mailoutbox,
                                            django_capture_on_commit_callbacks):
    stay = make_stay(rosie, nights=3)

    with django_capture_on_commit_callbacks(execute=True):
        response = desk_client.post(f"/desk/stays/{stay.pk}/check-in/")

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "checked_in"
    stay.refresh_from_db()
    assert stay.status == Stay.Status.CHECKED_IN
    assert stay.run.quiet_wing  # senior

    tasks = CareTask.objects.filter(stay=stay)
    assert set(tasks.values_list("flag", flat=True)) == {"medication", "special_diet", "senior"}
    meds = tasks.filter(kind=CareTask.Kind.MEDICATION)
    assert meds.count() >= 3 * 3  # three rounds a day, at least three more days
    assert all(t.instructions == "Vetmedin 5mg twice daily" for t in meds)
    assert tasks.filter(kind=CareTask.Kind.FEEDING, instructions="kidney diet, own food only").exists()

    subjects = [m.subject for m in mailoutbox]
    assert "Barkley Lodge: Rosie has arrived" in subjects
    assert any(s.startswith("[care] Rosie in run Q1") for s in subjects)


@pytest.mark.django_db
def test_service_check_in_of_anxious_cat(owner, make_stay, django_capture_on_commit_callbacks, mailoutbox):
    cat = Pet.objects.create(owner=owner, name="Miso", species="cat", temperament=Pet.Temperament.ANXIOUS)
    vaccinate(cat)
    stay = make_stay(cat, nights=2)

    with django_capture_on_commit_callbacks(execute=True):
        stay = CheckInService().check_in(stay, staff="Sam")

    assert stay.run.code == "C1"
    flags = set(CareTask.objects.filter(stay=stay).values_list("flag", flat=True))
    assert flags == {"anxious"}
    assert "Barkley Lodge: Miso has arrived" in [m.subject for m in mailoutbox]


@pytest.mark.django_db
def test_calm_pet_still_checks_in_without_care_slots(desk_client, dog, make_stay, mailoutbox,
                                                      django_capture_on_commit_callbacks):
    stay = make_stay(dog)
    with django_capture_on_commit_callbacks(execute=True):
        response = desk_client.post(f"/desk/stays/{stay.pk}/check-in/")
    assert response.status_code == 200
    assert not CareTask.objects.filter(stay=stay).exists()
    assert [m.subject for m in mailoutbox] == ["Barkley Lodge: Biscuit has arrived"]
