from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from boarding.models import Owner, Pet, Run, Stay, Vaccination


def vaccinate(pet, kinds=None, expires_in_days=300):
    today = timezone.localdate()
    kinds = kinds or (["rabies", "dhpp", "bordetella"] if pet.species == "dog" else ["rabies", "fvrcp"])
    for kind in kinds:
        Vaccination.objects.create(pet=pet, kind=kind, given_on=today - timedelta(days=60),
                                   expires_on=today + timedelta(days=expires_in_days))


@pytest.fixture
def owner(db):
    return Owner.objects.create(name="Priya Shah", email="priya@example.org", phone="07700 900123")


@pytest.fixture
def runs(db):
    return [
        Run.objects.create(code="A1", size=Run.Size.SMALL),
        Run.objects.create(code="A2", size=Run.Size.SMALL),
        Run.objects.create(code="Q1", size=Run.Size.SMALL, quiet_wing=True),
        Run.objects.create(code="L1", size=Run.Size.LARGE),
        Run.objects.create(code="C1", species="cat", size=Run.Size.SMALL),
    ]


@pytest.fixture
def dog(owner):
    pet = Pet.objects.create(owner=owner, name="Biscuit", breed="Cocker Spaniel", weight_kg=Decimal("13.5"),
                             date_of_birth=timezone.localdate() - timedelta(days=3 * 365))
    vaccinate(pet)
    return pet


@pytest.fixture
def make_stay(runs):
    def make(pet, nights=3, starts_in_days=0, **extra):
        start = timezone.localdate() + timedelta(days=starts_in_days)
        return Stay.objects.create(pet=pet, start_date=start, end_date=start + timedelta(days=nights), **extra)

    return make


@pytest.fixture
def desk_client(client, db):
    user = User.objects.create_user("sam", password="pw", first_name="Sam", last_name="Ortiz")
    client.force_login(user)
    return client
