from datetime import date

import pytest

from clinics.models import Clinic, Owner, Pet, Veterinarian
from labs.client import MemoryLabClient
from labs.messaging import MemoryGateway


@pytest.fixture(autouse=True)
def _reset_fakes():
    MemoryGateway.outbox.clear()
    MemoryLabClient.reset()
    yield
    MemoryGateway.outbox.clear()
    MemoryLabClient.reset()


@pytest.fixture
def sms_outbox():
    return MemoryGateway.outbox


@pytest.fixture
def clinic(db):
    return Clinic.objects.create(code="PPW01", name="Prairie Paws Westside", phone="612-555-0140",
                                 email="westside@prairiepaws.example")


@pytest.fixture
def vet(clinic):
    return Veterinarian.objects.create(clinic=clinic, name="Okafor", email="okafor@prairiepaws.example")


@pytest.fixture
def owner(db):
    return Owner.objects.create(first_name="Dana", last_name="Lindqvist", email="dana.l@example.com",
                                mobile="+16125550177")


@pytest.fixture
def pet(clinic, owner):
    return Pet.objects.create(owner=owner, clinic=clinic, pims_id="P-10442", name="Biscuit",
                              species=Pet.Species.CANINE, breed="Beagle", date_of_birth=date(2016, 4, 2))


def make_report(accession, *, status="final", pims_id="P-10442", account="PPW01", panel="CHEM17",
                reported_at="2024-03-11T09:12:00-05:00", results=None):
    if results is None:
        results = [
            {"code": "ALT", "name": "Alanine aminotransferase", "value": "212", "unit": "U/L",
             "range": "10-125", "flag": "H"},
            {"code": "BUN", "name": "Blood urea nitrogen", "value": "18", "unit": "mg/dL", "range": "7-27",
             "flag": "N"},
        ]
    return {
        "accession": accession,
        "status": status,
        "reported_at": reported_at,
        "account": account,
        "patient": {"id": pims_id, "name": "Biscuit"},
        "panel": {"code": panel, "name": "Chemistry 17"},
        "results": results,
    }
