from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from boarding.models import Pet
from boarding.pricing import amount_due, nightly_rate_for, stay_total
from boarding.models import StayExtra

from .conftest import vaccinate


def test_care_flags(owner):
    pet = Pet.objects.create(owner=owner, name="Old Tom", species="cat",
                             date_of_birth=timezone.localdate() - timedelta(days=12 * 366),
                             medication_notes="thyroid tablet, 1/2 with breakfast",
                             temperament=Pet.Temperament.ANXIOUS)
    assert pet.care_flags() == {"medication", "senior", "anxious"}


def test_calm_young_dog_has_no_flags(dog):
    assert dog.care_flags() == set()


def test_missing_vaccinations(owner):
    pet = Pet.objects.create(owner=owner, name="Rolo")
    vaccinate(pet, kinds=["rabies"])
    assert pet.missing_vaccinations() == {"dhpp", "bordetella"}
    assert pet.missing_vaccinations(on=timezone.localdate() + timedelta(days=400)) == {"rabies", "dhpp", "bordetella"}


def test_nightly_rate_by_size(owner):
    big = Pet.objects.create(owner=owner, name="Bear", weight_kg=Decimal("41.0"))
    assert nightly_rate_for(big) == Decimal("44.00")


def test_stay_total_with_long_stay_discount_and_extras(dog, make_stay):
    stay = make_stay(dog, nights=15, deposit_paid=Decimal("100.00"))
    StayExtra.objects.create(stay=stay, kind=StayExtra.Kind.BATH, unit_price=Decimal("18.00"))
    # 15 x 38 = 570, nights 14 and 15 at 10% off -> -7.60, + 18 bath
    assert stay_total(stay) == Decimal("580.40")
    assert amount_due(stay) == Decimal("480.40")
