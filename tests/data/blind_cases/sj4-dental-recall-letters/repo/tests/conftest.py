from datetime import timedelta

import pytest
from django.utils import timezone

from patients.models import Patient
from recalls.models import Recall
from recalls.printmail import FakeVendor


@pytest.fixture(autouse=True)
def work_dirs(settings, tmp_path):
    settings.PRINT_SPOOL_DIR = str(tmp_path / "spool")
    settings.LETTER_ARCHIVE_DIR = str(tmp_path / "archive")
    settings.FRONT_DESK_EXPORT_DIR = str(tmp_path / "front-desk")
    FakeVendor.uploads.clear()
    yield tmp_path
    FakeVendor.uploads.clear()


@pytest.fixture
def recall(db):
    counter = {"n": 0}

    def _recall(due_on, kind=Recall.Kind.CHECKUP, **patient_fields):
        counter["n"] += 1
        n = counter["n"]
        defaults = {"first_name": f"Pat{n}", "last_name": "Jones", "address_line1": f"{n} High Street",
                    "town": "London", "postcode": "N1 7AA"}
        defaults.update(patient_fields)
        patient = Patient.objects.create(chart_number=f"C{n:05d}", **defaults)
        return Recall.objects.create(patient=patient, kind=kind, due_on=due_on)

    return _recall


@pytest.fixture
def soon():
    return timezone.localdate() + timedelta(days=14)


@pytest.fixture
def far():
    return timezone.localdate() + timedelta(days=60)
