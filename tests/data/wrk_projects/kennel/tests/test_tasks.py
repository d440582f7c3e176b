import sqlite3
from contextlib import closing

import pytest

from boarding.models import Booking, TaskRun
from boarding.tasks import confirm_booking, import_vaccinations
from boarding.vets import VetApi


@pytest.fixture(autouse=True)
def vet_answers():
    VetApi.known.clear()
    yield VetApi.known
    VetApi.known.clear()


@pytest.fixture
def registry(tmp_path, settings):
    path = tmp_path / "vet_registry.sqlite3"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE vaccination (chip TEXT, valid_until TEXT)")
        conn.executemany("INSERT INTO vaccination VALUES (?, ?)",
                         [("900100", "2999-01-01"), ("900200", "2000-01-01")])
        conn.commit()
    settings.VET_REGISTRY_DB = path
    return path


@pytest.mark.django_db
def test_vaccinated_pet_is_confirmed(vet_answers):
    booking = Booking.objects.create(pet_name="Rex", chip_number="900100")
    vet_answers["900100"] = True
    assert confirm_booking.delay(booking.pk).get() == "confirmed"
    assert TaskRun.objects.get().ok


@pytest.mark.django_db
def test_unvaccinated_pet_is_rejected(vet_answers):
    booking = Booking.objects.create(pet_name="Tom", chip_number="900300")
    vet_answers["900300"] = False
    assert confirm_booking.delay(booking.pk).get() == "rejected"


@pytest.mark.django_db
def test_import_marks_registered_pets(registry):
    fresh = Booking.objects.create(pet_name="Rex", chip_number="900100")
    expired = Booking.objects.create(pet_name="Bo", chip_number="900200")
    assert import_vaccinations.delay().get() == 1
    fresh.refresh_from_db()
    expired.refresh_from_db()
    assert fresh.vaccinated is True and expired.vaccinated is None
