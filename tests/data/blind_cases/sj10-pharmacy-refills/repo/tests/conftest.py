import datetime
import itertools

import pytest
from django.utils import timezone

from pharmacy.models import Patient, Prescription, Store

_rx_numbers = itertools.count(7100001)
_phones = itertools.count(5550100)


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def store(db):
    return Store.objects.create(code="LS01", name="Lakeside Pharmacy", phone="(312) 555-0199")


@pytest.fixture
def make_patient(store):
    def make(**kwargs):
        number = next(_phones)
        defaults = {
            "store": store,
            "first_name": "Pat",
            "last_name": f"Patient{number}",
            "mobile": f"(312) {str(number)[:3]}-{str(number)[3:]}",
            "sms_opt_in": True,
        }
        defaults.update(kwargs)
        return Patient.objects.create(**defaults)

    return make


@pytest.fixture
def make_rx(make_patient, today):
    def make(due_in_days=2, patient=None, **kwargs):
        patient = patient or make_patient()
        days_supply = kwargs.pop("days_supply", 30)
        due = today + datetime.timedelta(days=due_in_days)
        defaults = {
            "patient": patient,
            "rx_number": str(next(_rx_numbers)),
            "drug_name": "Atorvastatin 20 mg tablet",
            "days_supply": days_supply,
            "refills_remaining": 3,
            "last_filled_on": due - datetime.timedelta(days=days_supply),
            "refill_due_on": due,
        }
        defaults.update(kwargs)
        return Prescription.objects.create(**defaults)

    return make
