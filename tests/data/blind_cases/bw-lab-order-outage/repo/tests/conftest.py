from datetime import timedelta

import pytest
from django.utils import timezone

from clinic.models import Appointment, Owner, Patient
from labs.client import FakeLabClient
from labs.models import LabTest


@pytest.fixture(autouse=True)
def fake_lab():
    FakeLabClient.submitted = []
    FakeLabClient.results = {}
    yield FakeLabClient


@pytest.fixture
def appointment(db):
    owner = Owner.objects.create(name="Dana Whitfield", phone="(312) 555-0199")
    patient = Patient.objects.create(owner=owner, name="Biscuit", species=Patient.Species.DOG, breed="Beagle")
    return Appointment.objects.create(patient=patient, vet="Dr. Osei", starts_at=timezone.now() + timedelta(hours=1),
                                      reason="lethargy")


@pytest.fixture
def catalogue(db):
    for code, name, sample in (("CBC", "Complete blood count", "EDTA blood"),
                               ("CHEM10", "Chemistry panel 10", "serum"),
                               ("T4", "Total T4", "serum")):
        LabTest.objects.create(code=code, name=name, sample_type=sample)
