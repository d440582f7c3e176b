from decimal import Decimal

import pytest

from boarding.models import Pet, Stay, StayExtra
from boarding.services import CheckInService, DeskError

from .conftest import vaccinate


@pytest.mark.django_db
def test_check_in_calm_dog(desk_client, dog, make_stay, mailoutbox, django_capture_on_commit_callbacks):
    stay = make_stay(dog)
    with django_capture_on_commit_callbacks(execute=True):
        response = desk_client.post(f"/desk/stays/{stay.pk}/check-in/")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "checked_in"
    assert data["run"] == "A1"
    stay.refresh_from_db()
    assert stay.checked_in_by == "Sam Ortiz"
    assert [m.subject for m in mailoutbox] == ["Barkley Lodge: Biscuit has arrived"]
    assert "run A1" in mailoutbox[0].body


@pytest.mark.django_db
def test_check_in_refused_without_vaccinations(desk_client, owner, make_stay):
    pet = Pet.objects.create(owner=owner, name="Rolo")
    vaccinate(pet, kinds=["rabies", "dhpp"])
    stay = make_stay(pet)
    response = desk_client.post(f"/desk/stays/{stay.pk}/check-in/")
    assert response.status_code == 409
    assert "bordetella" in response.json()["error"]
    stay.refresh_from_db()
    assert stay.status == Stay.Status.BOOKED


@pytest.mark.django_db
def test_anxious_dog_goes_to_quiet_wing(owner, make_stay):
    pet = Pet.objects.create(owner=owner, name="Pip", temperament=Pet.Temperament.ANXIOUS)
    vaccinate(pet)
    stay = CheckInService().check_in(make_stay(pet), staff="Sam")
    assert stay.status == Stay.Status.CHECKED_IN
    assert stay.run.code == "Q1"


@pytest.mark.django_db
def test_cannot_check_in_twice(dog, make_stay):
    stay = CheckInService().check_in(make_stay(dog))
    with pytest.raises(DeskError):
        CheckInService().check_in(stay)


@pytest.mark.django_db
def test_check_out_sends_invoice(desk_client, dog, make_stay, mailoutbox, django_capture_on_commit_callbacks):
    stay = make_stay(dog, nights=2, deposit_paid=Decimal("20.00"))
    CheckInService().check_in(stay)
    with django_capture_on_commit_callbacks(execute=True):
        response = desk_client.post(f"/desk/stays/{stay.pk}/check-out/", {"late": "1"})
    assert response.status_code == 200
    assert response.json()["amount_due"] == "71.00"  # 2 x 38 + 15 late - 20 deposit
    assert StayExtra.objects.filter(stay=stay, kind="late").exists()
    invoice = mailoutbox[-1]
    assert "Amount due: £71.00" in invoice.body


@pytest.mark.django_db
def test_arrivals(desk_client, dog, make_stay):
    make_stay(dog)
    make_stay(dog, starts_in_days=5)
    response = desk_client.get("/desk/arrivals/")
    assert [a["pet"] for a in response.json()["arrivals"]] == ["Biscuit"]
